// The one place that reads the environment. Everything else receives a parsed `Config`.
import { z } from '@partyline/contracts';

import { kafkaReplicationEnvShape, kafkaReplicationSettings, type TopicReplication } from '@partyline/events';
import { ConfigError, parseTrustProxy, type TrustProxy } from '@partyline/http';
import { s3EnvShape, s3SettingsFromEnv, type S3Settings } from '@partyline/object-store';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true');
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));
const url = (fallback: string) => z.url().default(fallback);
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const host = z.string().trim().min(1).default('127.0.0.1');
/** A browser origin: scheme, host and port, nothing else (what the Origin header carries). */
const isOrigin = (value: string) => URL.canParse(value) && new URL(value).origin === value;
const origins = optionalText.transform((v, ctx) => {
  const list = (v ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const bad = list.filter((o) => !isOrigin(o));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not an origin: ${bad.join(', ')}` });
  return list;
});
const trustProxy = optionalText.transform((v, ctx): TrustProxy => {
  const parsed = parseTrustProxy(v);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return false;
  }
  return parsed;
});

const EnvSchema = z.object({
  PORT: port(4001),
  HOST: host,
  OPS_PORT: port(9401),
  OPS_HOST: host,
  TRUST_PROXY: trustProxy,
  ALLOWED_ORIGINS: origins,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((v) =>
      v
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  ...kafkaReplicationEnvShape,
  REDIS_URL: z.url(),
  /** Comma-separated redis:// URLs of Redis Cluster nodes; when set, Redis is that cluster (REDIS_URL unused). */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((node) => node.trim())
        .filter(Boolean),
    ),
  MONGO_URL: z.url(),
  PUBLIC_URL: z.url().transform((v) => v.replace(/\/+$/, '')),
  JWT_ISSUER: z.string().min(1).default('partyline-accounts'),
  JWT_AUDIENCE: z.string().min(1).default('partyline'),
  JWT_PRIVATE_KEY: z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n'))
    .refine((v) => v.includes('PRIVATE KEY'), 'must be a PEM private key (ES256)'),
  JWT_KEY_ID: z.string().min(1),
  INSTANCE_ID: optionalText,
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  DEV_SIGNIN: bool(false),
  COOKIE_SECURE: bool(true),
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  GOOGLE_AUTHORIZATION_URL: url('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: url('https://oauth2.googleapis.com/token'),
  GOOGLE_USERINFO_URL: url('https://openidconnect.googleapis.com/v1/userinfo'),
  GITHUB_CLIENT_ID: optionalText,
  GITHUB_CLIENT_SECRET: optionalText,
  GITHUB_AUTHORIZATION_URL: url('https://github.com/login/oauth/authorize'),
  GITHUB_TOKEN_URL: url('https://github.com/login/oauth/access_token'),
  GITHUB_USER_URL: url('https://api.github.com/user'),
  GITHUB_EMAILS_URL: url('https://api.github.com/user/emails'),
  // Not in docs/interfaces.md: optional overrides of fixed names, so a test run never touches the real ones.
  KAFKA_USER_EVENTS_TOPIC: z.string().min(1).default('accounts.user-events'),
  KAFKA_PARTY_EVENTS_TOPIC: z.string().min(1).default('messages.party-events'),
  KAFKA_CONSUMER_GROUP: z.string().min(1).default('accounts-service.memberships'),
  REDIS_KEY_PREFIX: z.string().min(1).default('accounts:'),
  // Sign-ins (OAuth starts and callbacks, dev sign-in) per client address per window. The local stack, where
  // every browser is 127.0.0.1, raises it (scripts/app.sh).
  SIGNIN_LIMIT_POINTS: z.coerce.number().int().min(1).default(20),
  SIGNIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // Avatars' object storage (S3_*): on when S3_BUCKET is set. The same variables as messages-service's
  // attachments, and the bucket may be theirs: avatars live under their own prefix.
  ...s3EnvShape,
  AVATAR_UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
});

export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Google: the OpenID userinfo endpoint; GitHub: `/user`. */
  profileUrl: string;
  /** GitHub only: `/user/emails`. */
  emailsUrl?: string;
}

export interface RateLimitConfig {
  points: number;
  durationSeconds: number;
}

/** Where avatars are stored; undefined when S3_BUCKET is unset (the avatar routes then answer 503). */
export interface AvatarsConfig extends S3Settings {
  uploadUrlTtlSeconds: number;
}

export interface Config {
  port: number;
  /** The address the public port binds to (127.0.0.1 unless a container needs 0.0.0.0). */
  host: string;
  /** The internal port of /metrics, /readyz, /openapi.json (and /healthz); never routed from outside. */
  ops: { port: number; host: string };
  /** Which hops may name the client's address in X-Forwarded-For (Express `trust proxy`). */
  trustProxy: TrustProxy;
  /** Origins whose cookie-authenticated POSTs (refresh, logout) are accepted. */
  allowedOrigins: string[];
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  instanceId: string | undefined;
  kafkaBrokers: string[];
  /** Replication of the topics this service creates (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS). */
  kafkaReplication: TopicReplication;
  redisUrl: string;
  /** Redis Cluster nodes (REDIS_CLUSTER_NODES); empty: the one server at redisUrl. */
  redisClusterNodes: string[];
  mongoUrl: string;
  publicUrl: string;
  jwt: { issuer: string; audience: string; privateKeyPem: string; keyId: string; accessTtlSeconds: number };
  refreshTtlDays: number;
  /** A retry of a just-rotated refresh token within this many seconds gets its successor, not a revocation. */
  refreshGraceSeconds: number;
  devSignIn: boolean;
  cookieSecure: boolean;
  google: OAuthProviderConfig | undefined;
  github: OAuthProviderConfig | undefined;
  // Fixed names in production; tests override them for isolation.
  topics: { userEvents: string; partyEvents: string };
  consumerGroupId: string;
  redisKeyPrefix: string;
  rateLimits: { signIn: RateLimitConfig; refresh: RateLimitConfig };
  avatars: AvatarsConfig | undefined;
}

export { ConfigError };

function provider(
  id: string | undefined,
  secret: string | undefined,
  urls: Omit<OAuthProviderConfig, 'clientId' | 'clientSecret'>,
): OAuthProviderConfig | undefined {
  return id && secret ? { clientId: id, clientSecret: secret, ...urls } : undefined;
}

/** Parses the environment once; throws a ConfigError naming every bad or missing variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromIssues(parsed.error.issues);
  const e = parsed.data;
  const kafka = kafkaReplicationSettings(e);
  if (kafka.problem !== undefined) throw new ConfigError([kafka.problem]);
  const s3 = s3SettingsFromEnv(e);
  return {
    port: e.PORT,
    host: e.HOST,
    ops: { port: e.OPS_PORT, host: e.OPS_HOST },
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS.length > 0 ? e.ALLOWED_ORIGINS : [new URL(e.PUBLIC_URL).origin],
    logLevel: e.LOG_LEVEL,
    instanceId: e.INSTANCE_ID,
    kafkaBrokers: e.KAFKA_BROKERS,
    kafkaReplication: kafka.replication,
    redisUrl: e.REDIS_URL,
    redisClusterNodes: e.REDIS_CLUSTER_NODES,
    mongoUrl: e.MONGO_URL,
    publicUrl: e.PUBLIC_URL,
    jwt: {
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      privateKeyPem: e.JWT_PRIVATE_KEY,
      keyId: e.JWT_KEY_ID,
      accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    },
    refreshTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    refreshGraceSeconds: e.REFRESH_GRACE_SECONDS,
    devSignIn: e.DEV_SIGNIN,
    cookieSecure: e.COOKIE_SECURE,
    google: provider(e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET, {
      authorizationUrl: e.GOOGLE_AUTHORIZATION_URL,
      tokenUrl: e.GOOGLE_TOKEN_URL,
      profileUrl: e.GOOGLE_USERINFO_URL,
    }),
    github: provider(e.GITHUB_CLIENT_ID, e.GITHUB_CLIENT_SECRET, {
      authorizationUrl: e.GITHUB_AUTHORIZATION_URL,
      tokenUrl: e.GITHUB_TOKEN_URL,
      profileUrl: e.GITHUB_USER_URL,
      emailsUrl: e.GITHUB_EMAILS_URL,
    }),
    topics: { userEvents: e.KAFKA_USER_EVENTS_TOPIC, partyEvents: e.KAFKA_PARTY_EVENTS_TOPIC },
    consumerGroupId: e.KAFKA_CONSUMER_GROUP,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    rateLimits: {
      signIn: { points: e.SIGNIN_LIMIT_POINTS, durationSeconds: e.SIGNIN_LIMIT_WINDOW_SECONDS },
      refresh: { points: 60, durationSeconds: 60 },
    },
    avatars: s3 && { ...s3, uploadUrlTtlSeconds: e.AVATAR_UPLOAD_URL_TTL_SECONDS },
  };
}
