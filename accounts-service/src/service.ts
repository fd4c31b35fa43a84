// Builds and starts the whole service from a parsed Config; returns its URL and a close() that shuts it
// down in order. main.ts uses it with the real config, tests with port 0 and isolated names.
import type { AddressInfo } from 'node:net';

import mongoose from 'mongoose';
import { pino } from 'pino';
import type { Logger } from 'pino';

import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
  requireAuth,
} from '@partyline/auth';

import { createApp } from './app.js';
import { createAccountLinkingService } from './auth/account-linking.service.js';
import { createDevSignInService } from './auth/dev-signin.service.js';
import { devSignInRoutes } from './auth/dev-signin.routes.js';
import { createIdentityRepository } from './auth/identity.repository.js';
import { oauthRoutes } from './auth/oauth/oauth.routes.js';
import type { Config } from './config.js';
import { createModels, ensureIndexes } from './db/models.js';
import { startEventing } from './events/eventing.js';
import { createDocumentLock } from '@partyline/events';
import { healthRoutes } from './http/health.js';
import { createMetrics } from './http/metrics.js';
import { accountsOpenApiDocument } from './http/openapi.js';
import { rateLimit } from './http/rate-limit.js';
import { connectRedis } from './http/redis.js';
import { createMembershipRepository } from './memberships/membership.repository.js';
import { createRefreshCookie } from './sessions/refresh-cookie.js';
import { createSessionIssuer } from './sessions/session-issuer.js';
import { createSessionRepository } from './sessions/session.repository.js';
import { sessionRoutes } from './sessions/session.routes.js';
import { createSessionService } from './sessions/session.service.js';
import { createUserRepository } from './users/user.repository.js';
import { createUserService } from './users/user.service.js';
import { usersRoutes } from './users/users.routes.js';

export interface RunningService {
  url: string;
  logger: Logger;
  /** Stops accepting connections, then closes the consumer, the relay, Kafka, Mongo and Redis. */
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'accounts-service', ...(config.instanceId ? { instance: config.instanceId } : {}) },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}

export interface StartOptions {
  logger?: Logger;
  /** When the party-events consumer stops for good; main.ts exits so the orchestrator restarts us. */
  onFatal?: (error: unknown) => void;
}

export async function startAccountsService(
  config: Config,
  options: StartOptions = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config);
  const connection = await mongoose.createConnection(config.mongoUrl, { autoIndex: false }).asPromise();
  const db = connection.db;
  if (!db) throw new Error('MongoDB connection has no database');
  const models = createModels(connection);
  await ensureIndexes(models);
  const redis = await connectRedis(config.redisUrl);

  const usersLock = createDocumentLock();
  const users = createUserRepository(models, usersLock);
  const identities = createIdentityRepository(models);
  const memberships = createMembershipRepository(models);
  const sessionRepo = createSessionRepository(models);
  const userService = createUserService({ users, memberships, sessions: sessionRepo, identities });
  const sessions = createSessionService({ repo: sessionRepo, refreshTtlDays: config.refreshTtlDays });
  const signer = createAccessTokenSigner({
    privateKeyPem: config.jwt.privateKeyPem,
    kid: config.jwt.keyId,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    ttlSeconds: config.jwt.accessTtlSeconds,
  });
  const verifier = createAccessTokenVerifier({
    keys: createStaticKeyResolver(signer.jwks()),
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
  });
  const issuer = createSessionIssuer({ signer, sessions, users: userService });
  const cookie = createRefreshCookie({ secure: config.cookieSecure, ttlDays: config.refreshTtlDays });
  const prefix = config.redisKeyPrefix;
  const signInLimit = rateLimit(redis, `${prefix}rl:signin`, config.rateLimits.signIn);
  const refreshLimit = rateLimit(redis, `${prefix}rl:refresh`, config.rateLimits.refresh);
  const auth = requireAuth(verifier);

  const eventing = await startEventing({
    config,
    logger,
    usersCollection: db.collection('users'),
    usersLock,
    memberships,
    onFatal: options.onFatal ?? ((err) => logger.error({ err }, 'party-events consumer stopped')),
  });

  const app = createApp({
    logger,
    metrics: createMetrics(),
    health: healthRoutes({
      mongo: async () => {
        await db.admin().ping();
      },
      redis: async () => {
        await redis.ping();
      },
      kafka: eventing.ping,
    }),
    providers: {
      google: config.google !== undefined,
      github: config.github !== undefined,
      dev: config.devSignIn,
    },
    jwks: () => signer.jwks(),
    openapi: accountsOpenApiDocument(),
    authRouters: [
      devSignInRoutes({
        enabled: config.devSignIn,
        devSignIn: createDevSignInService({ users, userService }),
        issuer,
        cookie,
        signInLimit,
      }),
      sessionRoutes({ issuer, sessions, cookie, requireAuth: auth, refreshLimit }),
      oauthRoutes({
        config,
        redis,
        linking: createAccountLinkingService({ users, identities, userService }),
        issuer,
        cookie,
        signInLimit,
        logger,
      }),
    ],
    usersRouter: usersRoutes({ users: userService, requireAuth: auth }),
  });

  const server = app.listen(config.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url }, 'accounts-service listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await eventing.stop();
      await connection.close();
      await redis.quit().catch(() => undefined);
    })());

  return { url, logger, close };
}
