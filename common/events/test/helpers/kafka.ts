// The Kafka side of an events test file: a recording logger, a client and a publisher on the local stack's
// broker, and fresh topics of the file (removed by `deleteTestTopics` at the end).
import {
  createKafkaClient,
  createPublisher,
  ensureTopics,
  type EventBusClient,
  type KafkaClientOptions,
} from '@partyline/events';
import { recordingLogger, stack, testTopic } from './stack.js';

/** A client of the local stack's broker; `options` override the brokers or add a retry policy. */
export const testKafkaClient = (
  clientId: string,
  logger: KafkaClientOptions['logger'],
  options: Partial<KafkaClientOptions> = {},
): EventBusClient => createKafkaClient({ brokers: stack.brokers, clientId, logger, ...options });

/** A new, not compacted topic of this test file, created on the broker with `partitions` partitions. */
export async function freshTopic(
  client: EventBusClient,
  partitions = 3,
  prefix = 't.party-events',
): Promise<string> {
  const topic = testTopic(prefix);
  await ensureTopics(client, [{ name: topic, partitions, compacted: false }]);
  return topic;
}

/** The logger, client and publisher of one test file; nothing connects until used. */
export function kafkaTestKit(clientId: string) {
  const logger = recordingLogger();
  const client = testKafkaClient(clientId, logger);
  const publisher = createPublisher(client);
  return { logger, client, publisher };
}
