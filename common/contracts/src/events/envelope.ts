import { z } from '../common.js';

// ISO-8601 instants travel as strings so the JSON in Kafka, the outboxes and the fixtures is the same.
export const EventInstant = z.iso.datetime({ offset: true });

/**
 * The metadata every event carries. `aggregateVersion` is monotonic per aggregate so consumers can
 * apply an event only when it is newer than their copy. Objects are not `.strict()`: consumers must
 * ignore fields added by newer producers (schema evolution is additive).
 */
export const EventMetadata = z.object({
  eventId: z.uuid(),
  schemaVersion: z.number().int().min(1),
  aggregateId: z.string().min(1),
  aggregateVersion: z.number().int().min(1),
  occurredAt: EventInstant,
  producer: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** Builds the schema of one event type at one schema version: the envelope around its `data`. */
export const defineEvent = <const T extends string, const V extends number, D extends z.ZodType>(
  type: T,
  schemaVersion: V,
  data: D,
) =>
  EventMetadata.extend({
    type: z.literal(type),
    schemaVersion: z.literal(schemaVersion),
    data,
  });

/** Any envelope, whatever its type: what publishers, outboxes and the DLT handle. */
export const AnyEvent = EventMetadata.extend({ type: z.string().min(1), data: z.unknown() });
export type AnyEvent = z.infer<typeof AnyEvent>;
