import {
  KafkaTopicSchemas,
  KafkaTopicSpecs,
  PartyEvent,
  Topics,
  UserEvent,
  dltTopic,
} from '@partyline/contracts';
import { describe, expect, it } from 'vitest';

describe('Kafka topic catalog', () => {
  it('when services create their topics, user events are compacted and both topics have 3 partitions', () => {
    expect(KafkaTopicSpecs.userEvents).toEqual({
      name: 'accounts.user-events',
      partitions: 3,
      compacted: true,
    });
    expect(KafkaTopicSpecs.partyEvents).toEqual({
      name: 'messages.party-events',
      partitions: 3,
      compacted: false,
    });
  });

  it('when a consumer looks up the schema of a topic, it gets that topic union', () => {
    expect(KafkaTopicSchemas[Topics.userEvents]).toBe(UserEvent);
    expect(KafkaTopicSchemas[Topics.partyEvents]).toBe(PartyEvent);
  });

  it('when an event cannot be applied, its dead-letter topic is the source topic with .dlt', () => {
    expect(dltTopic(Topics.partyEvents)).toBe('messages.party-events.dlt');
  });
});
