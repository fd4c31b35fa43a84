// Starts the real service on port 0 against the local stack, with its own database, Kafka topics, consumer
// group and Redis prefix, and real ES256 tokens from a test signing key.
import { randomUUID } from 'node:crypto';

import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
  generateSigningKey,
} from '@partyline/auth';
import { pino, type Logger } from 'pino';

import { configDefaults, type AttachmentsConfig } from '../../src/app/config.js';
import type { AttachmentTasksOptions } from '../../src/attachments/attachments.tasks.js';
import type { EventLimitSpecs } from '../../src/app/event-limits.js';
import type { LimitSpec } from '../../src/app/rate-limit.js';
import { startMessagesService, type RunningMessagesService } from '../../src/app/start.js';
import type { SendLimit } from '../../src/realtime/gateway.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { randomSuffix, s3Env, stackEnv } from './env.js';

export const TEST_ORIGIN = 'http://localhost:5173';

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestService {
  service: RunningMessagesService;
  db: TestDatabase;
  topics: { userEvents: string; partyEvents: string };
  redisKeyPrefix: string;
  user(name?: string): TestUser;
  /** A validly signed token with any claims, e.g. a `sub` that is not a UUID. */
  signToken(claims: { sub: string; username: string }): string;
  /** Calls the REST API as `user` (no Authorization header when null). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read replies loosely
  api<T = any>(user: TestUser | null, method: string, path: string, body?: unknown): Promise<ApiResult<T>>;
  close(): Promise<void>;
}

export interface SharedSetup {
  db: TestDatabase;
  key: ReturnType<typeof generateSigningKey>;
  suffix: string;
}

/** What two instances of one deployment share: the database, the signing key, the topic and key names. */
export async function createSharedSetup(): Promise<SharedSetup> {
  return { db: await createTestDatabase(), key: generateSigningKey(), suffix: randomSuffix() };
}

export interface TestServiceOptions {
  sendLimit?: SendLimit;
  inviteLimit?: LimitSpec;
  eventLimits?: Partial<EventLimitSpecs>;
  shared?: SharedSetup;
  /** Default: silent (TEST_LOG_LEVEL to see the logs). */
  logger?: Logger;
  /** Attachments on the local stack's S3 gateway (off unless given); fields override the defaults. */
  attachments?: Partial<AttachmentsConfig>;
  attachmentTasks?: AttachmentTasksOptions;
}

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const suffix = options.shared?.suffix ?? randomSuffix();
  const db = options.shared?.db ?? (await createTestDatabase());
  const key = options.shared?.key ?? generateSigningKey();
  const issuer = 'partyline-accounts';
  const audience = 'partyline';
  const signer = createAccessTokenSigner({
    privateKeyPem: key.privateKeyPem,
    kid: key.kid,
    issuer,
    audience,
    ttlSeconds: 600,
  });
  const verifier = createAccessTokenVerifier({
    keys: createStaticKeyResolver(signer.jwks()),
    issuer,
    audience,
  });
  const topics = { userEvents: `t.user-events.${suffix}`, partyEvents: `t.party-events.${suffix}` };
  const redisKeyPrefix = `t_${suffix}:`;
  const service = await startMessagesService(
    {
      ...configDefaults,
      port: 0,
      host: '127.0.0.1',
      ops: { port: 0, host: '127.0.0.1' },
      trustProxy: false,
      logLevel: 'silent',
      kafkaBrokers: stackEnv.kafkaBrokers,
      redisUrl: stackEnv.redisUrl,
      ...(stackEnv.redisClusterNodes.length > 0 ? { redisClusterNodes: stackEnv.redisClusterNodes } : {}),
      postgresUrl: db.url,
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
      jwtIssuer: issuer,
      jwtAudience: audience,
      allowedOrigins: [TEST_ORIGIN],
      ...(options.attachments
        ? {
            attachments: {
              ...s3Env,
              forcePathStyle: true,
              createBucket: true,
              maxBytes: 25 * 1024 * 1024,
              uploadUrlTtlSeconds: 300,
              downloadUrlTtlSeconds: 300,
              sweepAfterSeconds: 24 * 3600,
              ...options.attachments,
            },
          }
        : {}),
    },
    {
      logger: options.logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
      verifier,
      redisKeyPrefix,
      topics,
      usersGroupId: `t.users.${suffix}`,
      partitions: 1,
      ...(options.attachmentTasks ? { attachmentTasks: options.attachmentTasks } : {}),
      sendLimit: options.sendLimit ?? { points: 100_000, windowSeconds: 60 },
      inviteLimit: options.inviteLimit ?? { points: 10_000, windowSeconds: 60 },
      eventLimits: {
        sync: { points: 100_000, windowSeconds: 60 },
        presence: { points: 100_000, windowSeconds: 60 },
        readMark: { points: 100_000, windowSeconds: 60 },
        ...options.eventLimits,
      },
    },
  );
  // Kafka starts in the background; tests that read or write topics need them to exist.
  await service.consumerReady;
  let n = 0;
  return {
    service,
    db,
    topics,
    redisKeyPrefix,
    user(name) {
      const id = randomUUID();
      const username = name ?? `user${++n}_${suffix}`;
      return { id, username, token: signer.sign({ sub: id, username }).token };
    },
    signToken: (claims) => signer.sign(claims).token,
    async api(user, method, path, body) {
      const headers: Record<string, string> = {};
      if (user) headers['authorization'] = `Bearer ${user.token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === '' ? undefined : JSON.parse(text),
        headers: response.headers,
      };
    },
    async close() {
      await service.close();
      // A shared database belongs to whoever created the setup.
      if (!options.shared) await db.drop();
    },
  };
}
