// The composition root: builds and starts the whole service from a parsed Config (stores, repositories,
// the services they are passed into, the route table, Kafka) and returns its URL and a close() that shuts
// it down in order. main.ts uses it with the real config, tests with port 0 and isolated names.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';

import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
  requireAuth,
} from '@partyline/auth';
import { createDocumentLock, createPendingOutbox } from '@partyline/events';
import {
  createOpsApp,
  createServiceMetrics,
  listen,
  requireAllowedOrigin,
  stopListening,
} from '@partyline/http';
import { createS3ObjectStore } from '@partyline/object-store';

import { createAccountLinkingService } from '../auth/account-linking.service.js';
import { createDevSignInService } from '../auth/dev-signin.service.js';
import { createIdentityRepository } from '../auth/identities.repository.js';
import { createPassportFlow } from '../auth/oauth/passport-flow.js';
import { makeAvatar } from '../avatars/avatar-image.js';
import { createAvatarService } from '../avatars/avatars.service.js';
import { createMembershipRepository } from '../memberships/memberships.repository.js';
import { createMembershipService } from '../memberships/memberships.service.js';
import { createRefreshCookie } from '../sessions/refresh-cookie.js';
import { createSessionIssuer } from '../sessions/session-issuer.js';
import {
  DEFAULT_SESSION_RETENTION_MS,
  startSessionPruner,
  type SessionPrunerOptions,
} from '../sessions/sessions.pruner.js';
import { createSessionRepository } from '../sessions/sessions.repository.js';
import { createSessionService } from '../sessions/sessions.service.js';
import { createUserRepository } from '../users/users.repository.js';
import { createUserService } from '../users/users.service.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { startEventing } from './eventing.js';
import { createLogger } from './logger.js';
import { accountsOpenApiDocument } from './openapi.js';
import { rateLimit } from './rate-limit.js';
import type { AccountsRoute } from './route.js';
import { accountsRoutes } from './routes.js';
import { openStores } from './stores.js';

export interface RunningService {
  /** The public port: the REST routes and /healthz. */
  url: string;
  /** What the public port is bound to (HOST). */
  address: AddressInfo;
  /** The internal ops port: /healthz, /readyz, /metrics, /openapi.json. */
  opsUrl: string;
  logger: Logger;
  /** The REST route table it mounted (what /openapi.json documents). */
  routes: readonly AccountsRoute[];
  /** Stops accepting connections, then closes the consumer, the relay, Kafka, Mongo and Redis. */
  close(): Promise<void>;
}

interface StartOptions {
  logger?: Logger;
  /** When the party-events consumer stops for good; main.ts exits so the orchestrator restarts us. */
  onFatal?: (error: unknown) => void;
  /** The expired-session sweep's timing (tests shorten it). */
  sessionPruner?: Pick<SessionPrunerOptions, 'intervalMs' | 'retentionMs'>;
}

export async function startAccountsService(
  config: Config,
  options: StartOptions = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config);

  const { connection, db, models, redis } = await openStores(config);

  // Repositories, and the services they are passed into.
  // Shared by the user repository and the outbox relay: the lock keeps the relay's removals off the
  // repository's updates; the pending outbox marks each written user and wakes the relay for it.
  const usersLock = createDocumentLock();
  const usersOutbox = createPendingOutbox({
    markers: db.collection<{ _id: string; at: Date }>('users_outbox_pending'),
  });
  const users = createUserRepository(models.users, usersLock, usersOutbox);
  const identities = createIdentityRepository(models.identities);
  const membershipRepo = createMembershipRepository(models);
  const sessionRepo = createSessionRepository(models.sessions);
  // Expired sessions: a TTL index on MongoDB, a plain one on FerretDB (no TTL there); the pruner sweeps both.
  const retentionMs = options.sessionPruner?.retentionMs ?? DEFAULT_SESSION_RETENTION_MS;
  await sessionRepo.ensureExpiry(Math.round(retentionMs / 1000));
  // Avatars' object storage, when configured; a local stack makes the bucket and lets the app's origins PUT.
  const avatarStore = config.avatars ? createS3ObjectStore(config.avatars) : undefined;
  if (avatarStore && config.avatars?.createBucket) await avatarStore.ensureBucket(config.allowedOrigins);
  const userService = createUserService({
    users,
    memberships: membershipRepo,
    sessions: sessionRepo,
    identities,
    ...(avatarStore
      ? {
          // After the profile changed: a failure only leaves an orphan object, never a failed request.
          discardAvatar: (key: string) =>
            avatarStore.remove([key]).catch((err: unknown) => {
              logger.warn({ err, key }, 'could not delete a replaced avatar');
            }),
        }
      : {}),
  });
  const avatars =
    avatarStore && config.avatars
      ? createAvatarService({
          store: avatarStore,
          users: userService,
          makeAvatar,
          uploadUrlTtlSeconds: config.avatars.uploadUrlTtlSeconds,
        })
      : undefined;
  const sessions = createSessionService({
    repo: sessionRepo,
    refreshTtlDays: config.refreshTtlDays,
    graceSeconds: config.refreshGraceSeconds,
  });
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

  // Kafka: the user-events relay and the party-events consumer.
  const eventing = await startEventing({
    config,
    logger,
    usersCollection: db.collection('users'),
    usersLock,
    usersOutbox,
    memberships: createMembershipService({ repo: membershipRepo }),
    onFatal: options.onFatal ?? ((err) => logger.error({ err }, 'party-events consumer stopped')),
  });

  // HTTP.
  const prefix = config.redisKeyPrefix;
  const routes = accountsRoutes({
    providers: {
      google: config.google !== undefined,
      github: config.github !== undefined,
      dev: config.devSignIn,
    },
    jwks: () => signer.jwks(),
    devSignIn: {
      enabled: config.devSignIn,
      service: createDevSignInService({ users, userService, issuer }),
    },
    oauth: createPassportFlow({
      config,
      redis,
      linking: createAccountLinkingService({ users, identities, userService }),
      logger,
    }),
    publicUrl: config.publicUrl,
    issuer,
    sessions,
    users: userService,
    avatars,
    cookie: createRefreshCookie({ secure: config.cookieSecure, ttlDays: config.refreshTtlDays }),
    signInLimit: rateLimit(redis, `${prefix}rl:signin`, config.rateLimits.signIn),
    refreshLimit: rateLimit(redis, `${prefix}rl:refresh`, config.rateLimits.refresh),
    sameOrigin: requireAllowedOrigin(config.allowedOrigins),
  });
  const metrics = createServiceMetrics('accounts-service');
  eventing.registerMetrics(metrics.registry);
  const app = createApp({
    logger,
    httpMetrics: metrics.httpMetrics,
    routes,
    auth: requireAuth(verifier),
    trustProxy: config.trustProxy,
  });
  const opsApp = createOpsApp({
    logger,
    registry: metrics.registry,
    readiness: {
      mongo: async () => {
        await db.admin().ping();
      },
      redis: async () => {
        await redis.ping();
      },
      kafka: eventing.ping,
    },
    openapi: accountsOpenApiDocument(routes),
  });

  const pruner = startSessionPruner({ repo: sessionRepo, logger, ...options.sessionPruner });
  const ops = await listen(createServer(opsApp), config.ops.port, config.ops.host);
  const open = await listen(createServer(app), config.port, config.host);
  logger.info({ url: open.url, opsUrl: ops.url }, 'accounts-service listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await stopListening(open);
      await eventing.stop();
      await pruner.stop();
      await connection.close();
      await redis.quit().catch(() => undefined);
      avatarStore?.close();
      await stopListening(ops);
    })());

  return { url: open.url, address: open.address, opsUrl: ops.url, logger, routes, close };
}
