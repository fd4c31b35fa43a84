// Where the local stack's servers are: scripts/stack.sh writes these to .stack/stack.env and `make test`
// exports them; the defaults are the stack's own ports, so a test also runs from a bare `npx vitest`.
export const stackEnv = {
  postgresUrl:
    process.env.PARTYLINE_POSTGRES_URL ?? 'postgres://partyline:partyline@127.0.0.1:55432/partyline',
  redisUrl: process.env.PARTYLINE_REDIS_URL ?? 'redis://127.0.0.1:56379',
  kafkaBrokers: (process.env.PARTYLINE_KAFKA_BROKERS ?? '127.0.0.1:59092').split(','),
  mongoUrl: process.env.PARTYLINE_MONGO_URL ?? 'mongodb://127.0.0.1:57017/partyline',
};

export const suffix = () => Math.random().toString(36).slice(2, 10);
