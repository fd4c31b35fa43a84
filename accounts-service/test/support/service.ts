// Starts accounts-service on port 0 against the real stack, isolated by a random database name, topic
// names, consumer group and Redis prefix.
import { generateSigningKey } from '@partyline/auth';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import type { Logger } from 'pino';

import { loadConfig } from '../../src/app/config.js';
import type { Config } from '../../src/app/config.js';
import { startAccountsService } from '../../src/app/start.js';
import type { RunningService } from '../../src/app/start.js';
import { mongoUrlFor, randomSuffix, stack } from './stack.js';

export interface TestService extends RunningService {
  config: Config;
  /** Closes the service but leaves its database (for a second instance sharing it). */
  closeKeepingData(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}, patch: Partial<Config> = {}): Config {
  const id = randomSuffix();
  const key = generateSigningKey();
  const config = loadConfig({
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
    KAFKA_BROKERS: stack.kafkaBrokers,
    REDIS_URL: stack.redisUrl,
    MONGO_URL: mongoUrlFor(`t_accounts_${id}`),
    PUBLIC_URL: 'http://localhost:5173',
    JWT_PRIVATE_KEY: key.privateKeyPem,
    JWT_KEY_ID: `test-${id}`,
    COOKIE_SECURE: 'false',
    ...env,
  });
  return {
    ...config,
    topics: { userEvents: `t.accounts.user-events.${id}`, partyEvents: `t.messages.party-events.${id}` },
    consumerGroupId: `t-accounts-${id}`,
    redisKeyPrefix: `t:accounts:${id}:`,
    ...patch,
  };
}

export async function startTestService(
  config: Config = testConfig(),
  options: { logger?: Logger; sessionPruner?: { intervalMs?: number; retentionMs?: number } } = {},
): Promise<TestService> {
  const service = await startAccountsService(config, {
    ...(options.sessionPruner ? { sessionPruner: options.sessionPruner } : {}),
    logger: options.logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    onFatal: (err) => {
      throw err;
    },
  });
  return {
    ...service,
    config,
    closeKeepingData: () => service.close(),
    // Closes the service, then drops its database so the shared FerretDB does not fill up.
    async close() {
      await service.close();
      const client = await MongoClient.connect(config.mongoUrl);
      try {
        await client.db().dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
