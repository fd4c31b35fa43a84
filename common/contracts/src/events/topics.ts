import type { z } from '../common.js';
import { PartyEvent, PartyEventVersions } from './party-events.js';
import { UserEvent, UserEventVersions } from './user-events.js';
import type { EventVersions } from './versions.js';

export const Topics = {
  userEvents: 'accounts.user-events',
  partyEvents: 'messages.party-events',
} as const;
export type KafkaTopicName = (typeof Topics)[keyof typeof Topics];

/** How a topic is created: `ensureTopics` in @partyline/events creates it and its `.dlt` twin. */
export interface KafkaTopicSpec {
  name: string;
  partitions: number;
  /** `cleanup.policy=compact`: only the latest event per key is kept (full-state events only). */
  compacted: boolean;
}

export const KafkaTopicSpecs = {
  userEvents: { name: Topics.userEvents, partitions: 3, compacted: true },
  partyEvents: { name: Topics.partyEvents, partitions: 3, compacted: false },
} as const satisfies Record<keyof typeof Topics, KafkaTopicSpec>;

/** The dead-letter topic of a topic: events its consumers could not apply. */
export const dltTopic = (topic: string): string => `${topic}.dlt`;

/** The event schema of each topic, for consumers: `runConsumer({ topic, schema: KafkaTopicSchemas[topic] })`. */
export const KafkaTopicSchemas = {
  [Topics.userEvents]: UserEvent,
  [Topics.partyEvents]: PartyEvent,
} as const satisfies Record<KafkaTopicName, z.ZodType>;

/** The event types of each topic with all their versions: what the fixtures of every version are checked against. */
export const KafkaTopicEventVersions = {
  [Topics.userEvents]: UserEventVersions,
  [Topics.partyEvents]: PartyEventVersions,
} as const satisfies Record<KafkaTopicName, readonly EventVersions[]>;
