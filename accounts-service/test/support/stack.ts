// Where the local stack's servers are (scripts/stack.sh exports these; the defaults are its ports).
export const stack = {
  redisUrl: process.env['PARTYLINE_REDIS_URL'] ?? 'redis://127.0.0.1:56379',
  kafkaBrokers: process.env['PARTYLINE_KAFKA_BROKERS'] ?? '127.0.0.1:59092',
  mongoUrl: process.env['PARTYLINE_MONGO_URL'] ?? 'mongodb://127.0.0.1:57017/partyline',
};

export const randomSuffix = () => Math.random().toString(36).slice(2, 10);

/** The stack's Mongo URL with its database replaced, so each test file has a database of its own. */
export function mongoUrlFor(dbName: string): string {
  const url = new URL(stack.mongoUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}
