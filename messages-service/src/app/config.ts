// The service's configuration, parsed once at start-up (interfaces.md names). Nothing else reads process.env.
import { ATTACHMENT_MAX_BYTES_DEFAULT, z } from '@partyline/contracts';
import type { TopicReplication } from '@partyline/events';
import { parseTrustProxy, type TrustProxy } from '@partyline/http';
import { s3EnvShape, s3SettingsFromEnv, type S3Settings } from '@partyline/object-store';

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
  // Copies of each partition of the topics this service creates, and how many must acknowledge a write
  // (a 3-broker cluster or MSK: 3 and 2). Unset: the brokers' defaults.
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).optional(),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(16).optional(),
  POSTGRES_URL: z.url(),
  JWKS_URL: z.url(),
  JWT_ISSUER: z.string().min(1).default('partyline-accounts'),
  JWT_AUDIENCE: z.string().min(1).default('partyline'),
  ALLOWED_ORIGINS: commaList,
  INSTANCE_ID: z.string().min(1).optional(),
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
  kafkaReplication?: TopicReplication;
  redisUrl: string;
  /** Redis Cluster nodes (REDIS_CLUSTER_NODES); empty: the one server at redisUrl. */
  redisClusterNodes?: string[];
  postgresUrl: string;
  jwksUrl: string;
  jwtIssuer: string;
  jwtAudience: string;
  allowedOrigins: string[];
  instanceId?: string;
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

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const replication = (factor: number | undefined, minInsync: number | undefined): TopicReplication => ({
  ...(factor === undefined ? {} : { replicationFactor: factor }),
  ...(minInsync === undefined ? {} : { minInsyncReplicas: minInsync }),
});

/** Parses the environment; throws ConfigError listing every bad or missing variable. */
export function loadConfig(env: Record<string, string | undefined>): MessagesConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const c = parsed.data;
  if ((c.KAFKA_MIN_INSYNC_REPLICAS ?? 1) > (c.KAFKA_REPLICATION_FACTOR ?? Infinity)) {
    throw new ConfigError([
      'KAFKA_MIN_INSYNC_REPLICAS: above KAFKA_REPLICATION_FACTOR, no write could be acknowledged',
    ]);
  }
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
    ...(c.KAFKA_REPLICATION_FACTOR === undefined && c.KAFKA_MIN_INSYNC_REPLICAS === undefined
      ? {}
      : { kafkaReplication: replication(c.KAFKA_REPLICATION_FACTOR, c.KAFKA_MIN_INSYNC_REPLICAS) }),
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
