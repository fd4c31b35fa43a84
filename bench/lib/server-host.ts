// Child-process entry that runs one server under test (the real messages-service or the bare socket.io
// baseline), so that the load generator never shares its event loop and its memory can be read alone.
// Talks to the parent over IPC: memory (after two full GCs), clients count, close. Exits when the parent goes.
// The app's modules are imported only when the app runs, so the baseline process holds socket.io alone.
import type { Jwks } from '@partyline/auth';

import { startBareServer, type RunningServer } from './bare-server.js';

export type ServerSpec =
  | { kind: 'bare' }
  | {
      kind: 'app' | 'composed';
      postgresUrl: string;
      redisUrl: string;
      kafkaBrokers: string[];
      /** composed only: false when the broker is meant to be unreachable. */
      ensureTopics?: boolean;
      /**
       * app: wait until the Kafka topics exist and the users consumer joined its group before reporting ready
       * (default true), so that this background start-up does not land in a measured window. False when the
       * broker is meant to be unreachable.
       */
      waitForKafka?: boolean;
      jwks: Jwks;
      origin: string;
      keyPrefix: string;
      topics: { userEvents: string; partyEvents: string };
      usersGroupId: string;
    };

export type HostRequest = { id: number; type: 'memory' | 'cpu' | 'count' | 'close' };

// No per-user send limit in the way of a load test (the Redis round trip of the limiter stays in the path).
const SEND_LIMIT = { points: 1_000_000_000, windowSeconds: 1 };

async function start(spec: ServerSpec): Promise<RunningServer> {
  if (spec.kind === 'bare') return startBareServer();
  const [{ createAccessTokenVerifier, createStaticKeyResolver }, { pino }, { AUDIENCE, ISSUER }] =
    await Promise.all([import('@partyline/auth'), import('pino'), import('./auth.js')]);
  const logger = pino({ level: process.env['BENCH_LOG_LEVEL'] ?? 'silent' });
  const verifier = createAccessTokenVerifier({
    keys: createStaticKeyResolver(spec.jwks),
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  if (spec.kind === 'composed') {
    const { startComposedService } = await import('./composed-service.js');
    return startComposedService({
      postgresUrl: spec.postgresUrl,
      redisUrl: spec.redisUrl,
      kafkaBrokers: spec.kafkaBrokers,
      ensureTopics: spec.ensureTopics ?? true,
      allowedOrigins: [spec.origin],
      verifier,
      logger,
      keyPrefix: spec.keyPrefix,
      topics: spec.topics,
      usersGroupId: spec.usersGroupId,
      sendLimit: SEND_LIMIT,
    });
  }
  const { startMessagesService } = await import('../../messages-service/src/app/start.js');
  const { configDefaults } = await import('../../messages-service/src/app/config.js');
  const service = await startMessagesService(
    {
      ...configDefaults,
      port: 0,
      host: '127.0.0.1',
      ops: { port: 0, host: '127.0.0.1' },
      trustProxy: false,
      logLevel: 'silent',
      kafkaBrokers: spec.kafkaBrokers,
      redisUrl: spec.redisUrl,
      postgresUrl: spec.postgresUrl,
      jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json', // unused: the verifier is given
      jwtIssuer: ISSUER,
      jwtAudience: AUDIENCE,
      allowedOrigins: [spec.origin],
    },
    {
      logger,
      verifier,
      redisKeyPrefix: spec.keyPrefix,
      topics: spec.topics,
      usersGroupId: spec.usersGroupId,
      sendLimit: SEND_LIMIT,
      partitions: 1,
    },
  );
  if (spec.waitForKafka !== false) {
    await Promise.race([
      service.consumerReady,
      new Promise((resolve) => setTimeout(resolve, 60_000).unref()),
    ]);
  }
  return {
    url: service.url,
    clientsCount: () => service.realtime.io.engine.clientsCount,
    close: () => service.close(),
  };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env['BENCH_SERVER_SPEC'] ?? '{"kind":"bare"}') as ServerSpec;
  const server = await start(spec);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= server.close().catch((error: unknown) => console.error('server close failed', error)));
  process.on('disconnect', () => void close().then(() => process.exit(0)));
  process.on('message', (request: HostRequest) => {
    const reply = (body: object) => process.send?.({ id: request.id, ...body });
    if (request.type === 'memory') {
      gc();
      reply({ memory: process.memoryUsage() });
    } else if (request.type === 'cpu') {
      reply({ cpu: process.cpuUsage() });
    } else if (request.type === 'count') {
      reply({ count: server.clientsCount() });
    } else if (request.type === 'close') {
      void close().then(() => {
        reply({});
        setTimeout(() => process.exit(0), 50);
      });
    }
  });
  process.send?.({ ready: true, url: server.url });
}

main().catch((error: unknown) => {
  console.error('server host failed to start', error);
  process.exit(1);
});
