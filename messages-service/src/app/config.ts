// The service's configuration, parsed once at start-up (interfaces.md names). Nothing else reads process.env.
import { z } from '@partyline/contracts';

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string()).min(1));

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: commaList,
  REDIS_URL: z.url(),
  POSTGRES_URL: z.url(),
  JWKS_URL: z.url(),
  JWT_ISSUER: z.string().min(1).default('partyline-accounts'),
  JWT_AUDIENCE: z.string().min(1).default('partyline'),
  ALLOWED_ORIGINS: commaList,
  INSTANCE_ID: z.string().min(1).optional(),
});

export interface MessagesConfig {
  port: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  kafkaBrokers: string[];
  redisUrl: string;
  postgresUrl: string;
  jwksUrl: string;
  jwtIssuer: string;
  jwtAudience: string;
  allowedOrigins: string[];
  instanceId?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad or missing variable. */
export function loadConfig(env: Record<string, string | undefined>): MessagesConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    kafkaBrokers: c.KAFKA_BROKERS,
    redisUrl: c.REDIS_URL,
    postgresUrl: c.POSTGRES_URL,
    jwksUrl: c.JWKS_URL,
    jwtIssuer: c.JWT_ISSUER,
    jwtAudience: c.JWT_AUDIENCE,
    allowedOrigins: c.ALLOWED_ORIGINS,
    ...(c.INSTANCE_ID === undefined ? {} : { instanceId: c.INSTANCE_ID }),
  };
}
