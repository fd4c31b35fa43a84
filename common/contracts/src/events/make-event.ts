import { PartyEventVersions, type PartyEvent } from './party-events.js';
import { UserEventVersions, type UserEvent } from './user-events.js';

/** The event a producer writes today: the latest schema version of each type. */
export type LatestEvent = UserEvent | PartyEvent;
export type LatestEventType = LatestEvent['type'];
export type LatestEventOf<T extends LatestEventType> = Extract<LatestEvent, { type: T }>;

// Producers always write the latest version of a type; consumers read older and newer ones too.
const latestSchemaVersion = new Map<string, number>(
  [...UserEventVersions, ...PartyEventVersions].map((t) => [t.type, t.latestVersion]),
);

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
    schemaVersion: latestSchemaVersion.get(type),
    aggregateId: meta.aggregateId,
    aggregateVersion: meta.aggregateVersion,
    occurredAt,
    producer: meta.producer,
    correlationId: meta.correlationId,
    ...(meta.causationId === undefined ? {} : { causationId: meta.causationId }),
    data,
  };
  // The version list of each type gives its latest schemaVersion; TS cannot correlate the two.
  return event as unknown as LatestEventOf<T>;
}
