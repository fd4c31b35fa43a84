// The service's configuration, parsed once at start-up (interfaces.md names). Nothing else reads process.env.
import { ATTACHMENT_MAX_BYTES_DEFAULT, Topics, z } from '@partyline/contracts';
import { kafkaReplicationEnvShape, kafkaReplicationSettings, type TopicReplication } from '@partyline/events';
import { ConfigError, parseTrustProxy, type TrustProxy } from '@partyline/http';
import { s3EnvShape, s3SettingsFromEnv, type S3Settings } from '@partyline/object-store';

import { DEFAULT_SEND_LIMIT, type SendLimit } from '../realtime/send-limiter.js';

/** What the unset shared names and send limit mean (REDIS_KEY_PREFIX, KAFKA_*, SEND_LIMIT_*); also the
 * base of a config a test or benchmark builds by hand. */
export const configDefaults = {
  kafkaReplication: {},
  redisKeyPrefix: 'partyline:',
  topics: { userEvents: Topics.userEvents, partyEvents: Topics.partyEvents },
  consumerGroupId: 'messages-service.users',
  sendLimit: DEFAULT_SEND_LIMIT,
};

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string()).min(1));

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const host = z.string().trim().min(1).default('127.0.0.1');
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): TrustProxy => {
    const parsed = parseTrustProxy(value);
    if (typeof parsed !== 'string') return parsed;
    ctx.addIssue({ code: 'custom', message: parsed });
    return false;
  });

const ConfigSchema = z.object({
  PORT: port(4002),
  HOST: host,
  OPS_PORT: port(9402),
  OPS_HOST: host,
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: commaList,
  REDIS_URL: z.url(),
  /** Comma-separated redis:// URLs of Redis Cluster nodes; when set, Redis is that cluster (REDIS_URL unused). */
  REDIS_CLUSTER_NODES: commaList.optional(),
  ...kafkaReplicationEnvShape,
  POSTGRES_URL: z.url(),
  JWKS_URL: z.url(),
  JWT_ISSUER: z.string().min(1).default('partyline-accounts'),
  JWT_AUDIENCE: z.string().min(1).default('partyline'),
  ALLOWED_ORIGINS: commaList,
  INSTANCE_ID: z.string().min(1).optional(),
  // Fixed names, overridable so that two deployments (or a benchmark's and a test's) can share one Redis
  // and one Kafka cluster without touching each other's keys, channels, topics or consumer offsets.
  REDIS_KEY_PREFIX: z.string().min(1).default(configDefaults.redisKeyPrefix),
  KAFKA_USER_EVENTS_TOPIC: z.string().min(1).default(configDefaults.topics.userEvents),
  KAFKA_PARTY_EVENTS_TOPIC: z.string().min(1).default(configDefaults.topics.partyEvents),
  KAFKA_CONSUMER_GROUP: z.string().min(1).default(configDefaults.consumerGroupId),
  // Messages one user may send per window (Redis-counted, on every instance together).
  SEND_LIMIT_POINTS: z.coerce.number().int().min(1).default(configDefaults.sendLimit.points),
  SEND_LIMIT_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(configDefaults.sendLimit.windowSeconds),
  // Attachments' object storage (S3_*): on when S3_BUCKET is set.
  ...s3EnvShape,
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(ATTACHMENT_MAX_BYTES_DEFAULT),
  ATTACHMENT_UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  ATTACHMENT_DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  ATTACHMENT_SWEEP_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 3600),
});

export interface MessagesConfig {
  port: number;
  /** The address the public port binds to (127.0.0.1 unless a container needs 0.0.0.0). */
  host: string;
  /** The internal port of /metrics, /readyz, /openapi.json (and /healthz); never routed from outside. */
  ops: { port: number; host: string };
  /** Which hops may name the client's address in X-Forwarded-For (Express `trust proxy`; default none). */
  trustProxy: TrustProxy;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  kafkaBrokers: string[];
  /** Replication of the topics this service creates (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS). */
  kafkaReplication: TopicReplication;
  redisUrl: string;
  /** Redis Cluster nodes (REDIS_CLUSTER_NODES); empty: the one server at redisUrl. */
  redisClusterNodes?: string[];
  postgresUrl: string;
  jwksUrl: string;
  jwtIssuer: string;
  jwtAudience: string;
  allowedOrigins: string[];
  instanceId?: string;
  /** Prefix of every Redis key and socket.io adapter channel (REDIS_KEY_PREFIX). */
  redisKeyPrefix: string;
  topics: { userEvents: string; partyEvents: string };
  /** The users copy's consumer group (KAFKA_CONSUMER_GROUP). */
  consumerGroupId: string;
  sendLimit: SendLimit;
  /** Object storage for attachments; absent: uploads answer SERVICE.UNAVAILABLE. */
  attachments?: AttachmentsConfig;
}

/** The storage's settings (S3_*) and the feature's own limits. */
export interface AttachmentsConfig extends S3Settings {
  maxBytes: number;
  uploadUrlTtlSeconds: number;
  downloadUrlTtlSeconds: number;
  sweepAfterSeconds: number;
}

export { ConfigError };

/** Parses the environment; throws ConfigError listing every bad or missing variable. */
export function loadConfig(env: Record<string, string | undefined>): MessagesConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromIssues(parsed.error.issues);
  const c = parsed.data;
  const kafka = kafkaReplicationSettings(c);
  if (kafka.problem !== undefined) throw new ConfigError([kafka.problem]);
  const s3 = s3SettingsFromEnv(c);
  return {
    port: c.PORT,
    host: c.HOST,
    ops: { port: c.OPS_PORT, host: c.OPS_HOST },
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    kafkaBrokers: c.KAFKA_BROKERS,
    redisUrl: c.REDIS_URL,
    postgresUrl: c.POSTGRES_URL,
    jwksUrl: c.JWKS_URL,
    jwtIssuer: c.JWT_ISSUER,
    jwtAudience: c.JWT_AUDIENCE,
    allowedOrigins: c.ALLOWED_ORIGINS,
    ...(c.INSTANCE_ID === undefined ? {} : { instanceId: c.INSTANCE_ID }),
    ...(c.REDIS_CLUSTER_NODES?.length ? { redisClusterNodes: c.REDIS_CLUSTER_NODES } : {}),
    kafkaReplication: kafka.replication,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
    topics: { userEvents: c.KAFKA_USER_EVENTS_TOPIC, partyEvents: c.KAFKA_PARTY_EVENTS_TOPIC },
    consumerGroupId: c.KAFKA_CONSUMER_GROUP,
    sendLimit: { points: c.SEND_LIMIT_POINTS, windowSeconds: c.SEND_LIMIT_WINDOW_SECONDS },
    ...(s3 === undefined
      ? {}
      : {
          attachments: {
            ...s3,
            maxBytes: c.ATTACHMENT_MAX_BYTES,
            uploadUrlTtlSeconds: c.ATTACHMENT_UPLOAD_URL_TTL_SECONDS,
            downloadUrlTtlSeconds: c.ATTACHMENT_DOWNLOAD_URL_TTL_SECONDS,
            sweepAfterSeconds: c.ATTACHMENT_SWEEP_AFTER_SECONDS,
          },
        }),
  };
}
