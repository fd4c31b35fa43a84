import type { PartyEvent } from './party-events.js';
import type { UserEvent } from './user-events.js';

/** The event a producer writes today: the latest schema version of each type. */
export type LatestEvent = UserEvent | PartyEvent;
export type LatestEventType = LatestEvent['type'];
export type LatestEventOf<T extends LatestEventType> = Extract<LatestEvent, { type: T }>;

const latestSchemaVersion = {
  UserRegistered: 1,
  UserUpdated: 1,
  UserDeleted: 1,
  PartyCreated: 1,
  PartyUpdated: 1,
  PartyDeleted: 1,
  MemberJoined: 1,
  MemberLeft: 1,
  MemberRoleChanged: 1,
  TopicCreated: 1,
  TopicUpdated: 1,
  TopicDeleted: 1,
} as const satisfies { [T in LatestEventType]: LatestEventOf<T>['schemaVersion'] };

export interface EventMeta {
  aggregateId: string;
  /** The aggregate's version after this change (the first event of an aggregate has version 1). */
  aggregateVersion: number;
  producer: string;
  correlationId: string;
  causationId?: string;
  /** Defaults to now. */
  occurredAt?: Date | string;
  /** Defaults to a fresh uuid. */
  eventId?: string;
}

/**
 * Builds a typed envelope at the latest schema version:
 * `makeEvent('PartyCreated', { partyId, name, ownerId }, { aggregateId: partyId, aggregateVersion: 1, producer, correlationId })`.
 * Uses the global Web Crypto, so it runs in Node and browsers alike.
 */
export function makeEvent<const T extends LatestEventType>(
  type: T,
  data: LatestEventOf<T>['data'],
  meta: EventMeta,
): LatestEventOf<T> {
  const occurredAt =
    meta.occurredAt === undefined
      ? new Date().toISOString()
      : typeof meta.occurredAt === 'string'
        ? meta.occurredAt
        : meta.occurredAt.toISOString();
  const event = {
    eventId: meta.eventId ?? crypto.randomUUID(),
    type,
    schemaVersion: latestSchemaVersion[type],
    aggregateId: meta.aggregateId,
    aggregateVersion: meta.aggregateVersion,
    occurredAt,
    producer: meta.producer,
    correlationId: meta.correlationId,
    ...(meta.causationId === undefined ? {} : { causationId: meta.causationId }),
    data,
  };
  // The mapped version table guarantees schemaVersion matches the type; TS cannot correlate the two.
  return event as unknown as LatestEventOf<T>;
}
