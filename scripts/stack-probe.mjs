// Readiness probes used by scripts/stack.sh: exit 0 when the server really answers.
//   node scripts/stack-probe.mjs kafka 127.0.0.1:59092   -> a metadata request (describeCluster)
//   node scripts/stack-probe.mjs mongo mongodb://...      -> the Mongo `ping` command
//   node scripts/stack-probe.mjs s3 http://127.0.0.1:58333 -> a signed ListBuckets (keys: PARTYLINE_S3_ACCESS_KEY/SECRET_KEY)
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

const [kind, target] = process.argv.slice(2);

async function kafka(brokers) {
  const admin = new Kafka({
    clientId: 'stack-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  }).admin();
  await admin.connect();
  try {
    const { brokers: found } = await admin.describeCluster();
    if (found.length === 0) throw new Error('no brokers');
  } finally {
    await admin.disconnect();
  }
}

async function mongo(url) {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000 });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}

async function s3(endpoint) {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: {
      accessKeyId: process.env.PARTYLINE_S3_ACCESS_KEY ?? '',
      secretAccessKey: process.env.PARTYLINE_S3_SECRET_KEY ?? '',
    },
  });
  try {
    await client.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(2000) });
  } finally {
    client.destroy();
  }
}

try {
  if (kind === 'kafka') await kafka(target);
  else if (kind === 'mongo') await mongo(target);
  else if (kind === 's3') await s3(target);
  else throw new Error(`unknown probe ${kind}`);
  process.exit(0);
} catch (err) {
  console.error(String(err));
  process.exit(1);
}
