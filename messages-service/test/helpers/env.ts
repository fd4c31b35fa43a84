// Where the local stack's servers are (interfaces.md: PARTYLINE_* variables, defaulting to the stack ports).
export const stackEnv = {
  postgresUrl:
    process.env['PARTYLINE_POSTGRES_URL'] ?? 'postgres://partyline:partyline@127.0.0.1:55432/partyline',
  redisUrl: process.env['PARTYLINE_REDIS_URL'] ?? 'redis://127.0.0.1:56379',
  kafkaBrokers: (process.env['PARTYLINE_KAFKA_BROKERS'] ?? '127.0.0.1:59092').split(','),
  /**
   * The opt-in Redis Cluster (`scripts/stack.sh cluster-up redis`, `make test-redis-cluster`): used only when
   * PARTYLINE_TEST_REDIS_CLUSTER=1, so a stack.env that lists the cluster leaves the default runs on one server.
   */
  redisClusterNodes:
    process.env['PARTYLINE_TEST_REDIS_CLUSTER'] === '1'
      ? (process.env['PARTYLINE_REDIS_CLUSTER_NODES'] ?? '')
          .split(',')
          .map((node) => node.trim())
          .filter((node) => node.length > 0)
      : [],
};

/** The local stack's S3 gateway (SeaweedFS; `scripts/stack.sh` writes these), for the attachments tests. */
export const s3Env = {
  endpoint: process.env['PARTYLINE_S3_ENDPOINT'] ?? 'http://127.0.0.1:58333',
  region: process.env['PARTYLINE_S3_REGION'] ?? 'us-east-1',
  bucket: process.env['PARTYLINE_S3_BUCKET'] ?? 'partyline-attachments',
  accessKeyId: process.env['PARTYLINE_S3_ACCESS_KEY'] ?? '',
  secretAccessKey: process.env['PARTYLINE_S3_SECRET_KEY'] ?? '',
};

export const randomSuffix = (): string => Math.random().toString(36).slice(2, 10);
