// The store on the local stack's real S3 gateway (SeaweedFS; scripts/stack.sh writes PARTYLINE_S3_* into
// .stack/stack.env). The services' avatar and attachment tests use it through their features; these are the
// behaviours both rely on, asked of the store directly.
import { randomBytes } from 'node:crypto';

import { DeleteBucketCommand, GetBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createS3ObjectStore, type S3ObjectStore, type S3StoreConfig } from '@partyline/object-store';

const stack: S3StoreConfig = {
  bucket: process.env['PARTYLINE_S3_BUCKET'] ?? 'partyline-attachments',
  endpoint: process.env['PARTYLINE_S3_ENDPOINT'] ?? 'http://127.0.0.1:58333',
  region: process.env['PARTYLINE_S3_REGION'] ?? 'us-east-1',
  accessKeyId: process.env['PARTYLINE_S3_ACCESS_KEY'] ?? '',
  secretAccessKey: process.env['PARTYLINE_S3_SECRET_KEY'] ?? '',
  forcePathStyle: true,
};

const run = randomBytes(4).toString('hex');
const prefix = `object-store-test/${run}`;

let store: S3ObjectStore;
beforeAll(async () => {
  store = createS3ObjectStore(stack);
  await store.ensureBucket([]);
});
afterAll(() => store?.close());

describe('S3ObjectStore', () => {
  it('when an object is written, then head, read and copy see it, and a missing key heads as null', async () => {
    const key = `${prefix}/note.txt`;
    await store.write(key, Buffer.from('hello'), 'text/plain');

    expect(await store.head(key)).toEqual({ size: 5, contentType: 'text/plain' });
    expect((await store.read(key, 5)).toString()).toBe('hello');
    await expect(store.read(key, 4)).rejects.toThrow(/larger than 4 bytes/);
    await store.copy(key, `${prefix}/copy of note.txt`);
    expect(await store.head(`${prefix}/copy of note.txt`)).toMatchObject({ size: 5 });
    expect(await store.head(`${prefix}/nothing-here`)).toBeNull();

    await store.remove([key, `${prefix}/copy of note.txt`]);
  });

  it('when more keys are removed than one DeleteObjects takes (1000), then every batch is deleted', async () => {
    const first = `${prefix}/batch/first`;
    const last = `${prefix}/batch/last`;
    await Promise.all([first, last].map((key) => store.write(key, Buffer.from('x'), 'text/plain')));
    const missing = Array.from({ length: 1200 }, (_, i) => `${prefix}/batch/missing-${i}`);

    // The second object is in the second batch; the missing keys count as deleted.
    await store.remove([first, ...missing, last]);

    expect(await store.head(first)).toBeNull();
    expect(await store.head(last)).toBeNull();
  });

  it('when a GET is presigned with response headers, then the storage answers with them', async () => {
    const key = `${prefix}/picture.bin`;
    await store.write(key, Buffer.from([1, 2, 3]), 'application/octet-stream');

    const url = await store.presignGet(key, {
      expiresInSeconds: 60,
      contentType: 'image/webp',
      contentDisposition: 'inline',
      cacheControl: 'private, max-age=86400, immutable',
    });
    const reply = await fetch(url);

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/webp');
    expect(reply.headers.get('content-disposition')).toBe('inline');
    expect(reply.headers.get('cache-control')).toBe('private, max-age=86400, immutable');
    await store.remove([key]);
  });

  it('when two GETs are signed at the same instant, then they are the same URL (a browser cache holds)', async () => {
    const key = `${prefix}/same.bin`;
    await store.write(key, Buffer.from('same'), 'text/plain');
    const signingDate = new Date(Math.floor(Date.now() / 60_000) * 60_000);

    const sign = () => store.presignGet(key, { expiresInSeconds: 600, signingDate });
    const [a, b] = [await sign(), await sign()];

    expect(a).toBe(b);
    expect((await fetch(a)).status).toBe(200);
    await store.remove([key]);
  });

  it('when the browser reaches the storage elsewhere, then URLs are signed for that endpoint', async () => {
    const aside = createS3ObjectStore({ ...stack, publicEndpoint: 'http://storage.example.test:8333' });
    try {
      const put = await aside.presignPut(`${prefix}/upload`, {
        contentType: 'image/png',
        contentLength: 10,
        expiresInSeconds: 60,
      });
      const get = await aside.presignGet(`${prefix}/upload`, { expiresInSeconds: 60 });

      expect(new URL(put.url).origin).toBe('http://storage.example.test:8333');
      expect(put.headers).toEqual({ 'Content-Type': 'image/png' });
      expect(new URL(get).origin).toBe('http://storage.example.test:8333');
    } finally {
      aside.close();
    }
  });
});

describe('ensureBucket', () => {
  const bucket = `object-store-test-${run}`;
  const s3 = new S3Client({
    endpoint: stack.endpoint,
    region: stack.region,
    forcePathStyle: true,
    ...(stack.accessKeyId && stack.secretAccessKey
      ? { credentials: { accessKeyId: stack.accessKeyId, secretAccessKey: stack.secretAccessKey } }
      : {}),
  });
  afterAll(async () => {
    await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    s3.destroy();
  });

  it('when a second app adds its origin, then the bucket is made once and the first origin stays allowed', async () => {
    const own = createS3ObjectStore({ ...stack, bucket });
    try {
      await own.ensureBucket(['http://localhost:5173']);
      await own.ensureBucket(['http://localhost:5373']);
      await own.ensureBucket(['http://localhost:5173']);

      const cors = await s3.send(new GetBucketCorsCommand({ Bucket: bucket }));
      const origins = cors.CORSRules?.flatMap((rule) => rule.AllowedOrigins ?? []);
      expect(origins?.sort()).toEqual(['http://localhost:5173', 'http://localhost:5373']);
    } finally {
      own.close();
    }
  });
});
