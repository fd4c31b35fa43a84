// A single-node Kafka broker of a test's own (KRaft, combined broker + controller), for tests that must
// kill or restart a broker: never the shared one. It is the recipe of scripts/stack.sh (the same cached
// jars, server.properties and storage format) on free ports and a temporary data directory.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile, open } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cache = process.env.PARTYLINE_CACHE ?? '/var/cache/partyline';
const KAFKA_VERSION = '3.9.1';

/** The jars scripts/stack.sh collected (`<cache>/kafka-3.9.1-<hash>/libs`). */
export function kafkaLibs(): string {
  const dirs = existsSync(cache)
    ? readdirSync(cache).filter((d) => d.startsWith(`kafka-${KAFKA_VERSION}-`))
    : [];
  for (const d of dirs) {
    const libs = path.join(cache, d, 'libs');
    if (existsSync(path.join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return libs;
  }
  throw new Error(`no Kafka ${KAFKA_VERSION} jars under ${cache} (run scripts/stack.sh up once)`);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface PrivateKafka {
  /** `127.0.0.1:<port>` */
  brokers: string;
  /** Starts the broker (formatting the storage the first time) and resolves once it answers metadata. */
  start(): Promise<void>;
  /** SIGKILLs the broker and resolves once it exited. */
  kill(): Promise<void>;
  /** Resolves once a metadata request (describeCluster) is answered; the time it was. */
  waitUntilAnswering(timeoutMs?: number): Promise<number>;
  /** Kills the broker and removes its data. */
  destroy(): Promise<void>;
}

/** Does a metadata request get an answer now? */
export async function answersMetadata(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'private-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 500,
    requestTimeout: 1000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const { brokers: found } = await admin.describeCluster();
    return found.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function createPrivateKafka(): Promise<PrivateKafka> {
  const libs = kafkaLibs();
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dir = await mkdtemp(path.join(tmpdir(), 'partyline-kafka-'));
  const props = path.join(dir, 'server.properties');
  const logFile = path.join(dir, 'kafka.log');
  const brokers = `127.0.0.1:${port}`;
  await writeFile(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${path.join(dir, 'data')}`,
      'num.partitions=3',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      'delete.topic.enable=true',
      '',
    ].join('\n'),
  );
  // The JVM's own options: small, since the machine is shared.
  const jvm = ['-Xms128m', '-Xmx384m', '-XX:+UseG1GC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];
  const log4j = `-Dlog4j.configuration=file:${path.join(root, 'stack/kafka/log4j.properties')}`;
  let formatted = false;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const waitUntilAnswering = async (timeoutMs = 90_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await answersMetadata(brokers)) return Date.now();
      if (Date.now() > deadline)
        throw new Error(`private Kafka on ${brokers} did not answer; see ${logFile}`);
      if (child && child.exitCode !== null) throw new Error(`private Kafka exited; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  return {
    brokers,
    async start() {
      if (!formatted) {
        // As Kafka's own Uuid.randomUuid: never one that starts with '-', which the storage tool's argument
        // parser takes for an option (1 id in 64; it failed a CI run).
        let clusterId: string;
        do clusterId = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
        while (clusterId.startsWith('-'));
        await promisify(execFile)('java', [
          ...jvm,
          '-cp',
          `${libs}/*`,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          clusterId,
          '-c',
          props,
          '--ignore-formatted',
        ]);
        formatted = true;
      }
      const out = await open(logFile, 'a');
      child = spawn(
        'java',
        [...jvm, log4j, `-Dkafka.logs.dir=${dir}`, '-cp', `${libs}/*`, 'kafka.Kafka', props],
        { stdio: ['ignore', out.fd, out.fd] },
      );
      const proc = child;
      exited = new Promise<void>((resolve) =>
        proc.once('exit', () => void out.close().then(() => resolve())),
      );
      await waitUntilAnswering();
    },
    kill,
    waitUntilAnswering,
    async destroy() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
