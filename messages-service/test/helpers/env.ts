// Where the local stack's servers are (interfaces.md: PARTYLINE_* variables, defaulting to the stack ports).
export const stackEnv = {
  postgresUrl:
    process.env['PARTYLINE_POSTGRES_URL'] ?? 'postgres://partyline:partyline@127.0.0.1:55432/partyline',
  redisUrl: process.env['PARTYLINE_REDIS_URL'] ?? 'redis://127.0.0.1:56379',
  kafkaBrokers: (process.env['PARTYLINE_KAFKA_BROKERS'] ?? '127.0.0.1:59092').split(','),
};

export const randomSuffix = (): string => Math.random().toString(36).slice(2, 10);
