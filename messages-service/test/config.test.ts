import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../src/app/config.js';

const valid = {
  PORT: '4002',
  KAFKA_BROKERS: '127.0.0.1:59092, 127.0.0.1:59094',
  REDIS_URL: 'redis://127.0.0.1:56379',
  POSTGRES_URL: 'postgres://partyline:partyline@127.0.0.1:55432/partyline',
  JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
  ALLOWED_ORIGINS: 'http://localhost:5173,https://chat.example.com',
};

describe('config', () => {
  it('when every variable is set, then it is parsed with defaults for the optional ones', () => {
    expect(loadConfig(valid)).toEqual({
      port: 4002,
      host: '127.0.0.1',
      ops: { port: 9402, host: '127.0.0.1' },
      trustProxy: false,
      logLevel: 'info',
      kafkaBrokers: ['127.0.0.1:59092', '127.0.0.1:59094'],
      redisUrl: valid.REDIS_URL,
      postgresUrl: valid.POSTGRES_URL,
      jwksUrl: valid.JWKS_URL,
      jwtIssuer: 'partyline-accounts',
      jwtAudience: 'partyline',
      allowedOrigins: ['http://localhost:5173', 'https://chat.example.com'],
      kafkaReplication: {},
      redisKeyPrefix: 'partyline:',
      topics: { userEvents: 'accounts.user-events', partyEvents: 'messages.party-events' },
      consumerGroupId: 'messages-service.users',
      sendLimit: { points: 20, windowSeconds: 10 },
    });
  });

  it('when the shared names and the send limit are set, then they are used; a limit of 0 does not start', () => {
    const config = loadConfig({
      ...valid,
      REDIS_KEY_PREFIX: 'staging:',
      KAFKA_USER_EVENTS_TOPIC: 'staging.user-events',
      KAFKA_PARTY_EVENTS_TOPIC: 'staging.party-events',
      KAFKA_CONSUMER_GROUP: 'staging.messages.users',
      SEND_LIMIT_POINTS: '50',
      SEND_LIMIT_WINDOW_SECONDS: '5',
    });
    expect(config).toMatchObject({
      redisKeyPrefix: 'staging:',
      topics: { userEvents: 'staging.user-events', partyEvents: 'staging.party-events' },
      consumerGroupId: 'staging.messages.users',
      sendLimit: { points: 50, windowSeconds: 5 },
    });
    expect(() => loadConfig({ ...valid, SEND_LIMIT_POINTS: '0' })).toThrow(/SEND_LIMIT_POINTS/);
  });

  it('when HOST, OPS_PORT, OPS_HOST and TRUST_PROXY are set, then they are used', () => {
    const config = loadConfig({
      ...valid,
      HOST: '0.0.0.0',
      OPS_PORT: '9502',
      OPS_HOST: '0.0.0.0',
      TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({ host: '0.0.0.0', ops: { port: 9502, host: '0.0.0.0' }, trustProxy: 1 });
    expect(loadConfig({ ...valid, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(loadConfig({ ...valid, TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('when TRUST_PROXY would trust every hop, then the service does not start', () => {
    for (const value of ['true', '*', '1.2.3.4/40'])
      expect(() => loadConfig({ ...valid, TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('when REDIS_CLUSTER_NODES and the Kafka replication are set, then Redis is that cluster and created topics get those copies', () => {
    const config = loadConfig({
      ...valid,
      REDIS_CLUSTER_NODES: 'rediss://:token@cfg.example.cache.amazonaws.com:6379',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(config.redisClusterNodes).toEqual(['rediss://:token@cfg.example.cache.amazonaws.com:6379']);
    expect(config.kafkaReplication).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(loadConfig(valid).kafkaReplication).toEqual({});
  });

  it('when KAFKA_MIN_INSYNC_REPLICAS exceeds KAFKA_REPLICATION_FACTOR, or either is not a count, then the service does not start', () => {
    const bad = [
      { KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' },
      { KAFKA_REPLICATION_FACTOR: '0' },
      { KAFKA_MIN_INSYNC_REPLICAS: 'two' },
    ];
    for (const env of bad) expect(() => loadConfig({ ...valid, ...env })).toThrow(/KAFKA_/);
  });

  it('when variables are missing or bad, then one error lists all of them', () => {
    let error: unknown;
    try {
      loadConfig({
        ...valid,
        POSTGRES_URL: undefined,
        REDIS_URL: 'not a url',
        PORT: 'eighty',
        ALLOWED_ORIGINS: ' , ',
        OPS_PORT: '70000',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['POSTGRES_URL', 'REDIS_URL', 'PORT', 'ALLOWED_ORIGINS', 'OPS_PORT'])
      expect(problems).toContain(name);
  });
});
