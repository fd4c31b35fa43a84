// Attachments against the real stack: PostgreSQL and the local SeaweedFS S3 gateway (scripts/stack.sh), no
// fakes. The bytes go to presigned URLs exactly as a browser would send them.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createS3ObjectStore, type S3ObjectStore } from '@partyline/object-store';

import { s3Env } from '../helpers/env.js';
import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
/** Download URLs live 1 s and unsent uploads are swept after 1 s. */
let quick: TestService;
let s3: S3ObjectStore;

beforeAll(async () => {
  [t, quick] = await Promise.all([
    startTestService({ attachments: {} }),
    startTestService({
      attachments: { downloadUrlTtlSeconds: 1, sweepAfterSeconds: 1 },
      // The sweep runs only when a test calls it.
      attachmentTasks: { sweepIntervalMs: 3_600_000 },
    }),
  ]);
  s3 = createS3ObjectStore({ ...s3Env, forcePathStyle: true });
});
afterAll(async () => {
  s3?.close();
  await Promise.all([t?.close(), quick?.close()]);
});

interface Room {
  owner: TestUser;
  guest: TestUser;
  outsider: TestUser;
  partyId: string;
  topicId: string;
}

async function room(svc: TestService = t): Promise<Room> {
  const owner = svc.user();
  const guest = svc.user();
  const outsider = svc.user();
  const party = (await svc.api(owner, 'POST', '/api/parties', { name: 'Files' })).body;
  const { code } = (await svc.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  await svc.api(guest, 'POST', `/api/invites/${code}/accept`);
  await svc.api(outsider, 'POST', '/api/parties', { name: 'Elsewhere' });
  const topicId = (await svc.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
  return { owner, guest, outsider, partyId: party.id, topicId };
}

interface Upload {
  attachment: { id: string; status: string };
  upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string };
}

/** Asks for an upload, PUTs the bytes to the presigned URL like a browser, and completes it. */
async function upload(
  svc: TestService,
  user: TestUser,
  topicId: string,
  file: { name: string; contentType: string; bytes: Buffer },
) {
  const created = await svc.api<Upload>(user, 'POST', `/api/topics/${topicId}/attachments`, {
    name: file.name,
    size: file.bytes.length,
    contentType: file.contentType,
  });
  expect(created.status).toBe(201);
  const put = await fetch(created.body.upload.url, {
    method: 'PUT',
    headers: created.body.upload.headers,
    body: new Uint8Array(file.bytes),
  });
  expect(put.status).toBe(200);
  const completed = await svc.api(user, 'POST', `/api/attachments/${created.body.attachment.id}/complete`);
  expect(completed.status).toBe(200);
  return { id: created.body.attachment.id as string, completed: completed.body };
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } })
    .png()
    .toBuffer();

async function objectExists(key: string): Promise<boolean> {
  return (await s3.head(key)) !== null;
}

async function keysOf(svc: TestService, id: string): Promise<string[]> {
  const { rows } = await svc.db.pool.query<{ object_key: string; thumbnail_key: string | null }>(
    'SELECT object_key, thumbnail_key FROM attachments WHERE id = $1',
    [id],
  );
  return rows.flatMap((r) => [r.object_key, ...(r.thumbnail_key ? [r.thumbnail_key] : [])]);
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('uploading with a presigned PUT', () => {
  it('when a member uploads a file and completes it, then its presigned GET returns the same bytes', async () => {
    const { owner, topicId } = await room();
    const bytes = Buffer.from('quarterly numbers\n1,2,3\n');
    const { id, completed } = await upload(t, owner, topicId, {
      name: 'numbers.csv',
      contentType: 'text/csv',
      bytes,
    });
    expect(completed).toMatchObject({
      id,
      name: 'numbers.csv',
      size: bytes.length,
      contentType: 'text/csv',
      status: 'ready',
      messageId: null,
      hasThumbnail: false,
    });
    const url = await t.api(owner, 'GET', `/api/attachments/${id}/url`);
    expect(url.status).toBe(200);
    expect(url.body.inline).toBe(false);
    const download = await fetch(url.body.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-type')).toBe('text/csv');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="numbers.csv"/);
  });

  it('when the object was moved out of pending/, then the pending copy is purged', async () => {
    const { owner, topicId } = await room();
    const created = await t.api<Upload>(owner, 'POST', `/api/topics/${topicId}/attachments`, {
      name: 'a.txt',
      size: 3,
      contentType: 'text/plain',
    });
    const [pendingKey] = await keysOf(t, created.body.attachment.id);
    expect(pendingKey).toMatch(/^pending\//);
    await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: 'abc',
    });
    expect(await objectExists(pendingKey!)).toBe(true);
    await t.api(owner, 'POST', `/api/attachments/${created.body.attachment.id}/complete`);
    const [fileKey] = await keysOf(t, created.body.attachment.id);
    expect(fileKey).toMatch(/^files\//);
    expect(await objectExists(fileKey!)).toBe(true);
    await t.service.services.attachments.purgeObjects();
    expect(await objectExists(pendingKey!)).toBe(false);
  });

  it('when the PUT carries more bytes or another type than were granted, then the storage refuses it', async () => {
    const { owner, topicId } = await room();
    const created = await t.api<Upload>(owner, 'POST', `/api/topics/${topicId}/attachments`, {
      name: 'small.txt',
      size: 5,
      contentType: 'text/plain',
    });
    const bigger = await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: 'much more than five bytes',
    });
    expect(bigger.status).toBe(403);
    const otherType = await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: 'hello',
    });
    expect(otherType.status).toBe(403);
    const complete = await t.api(owner, 'POST', `/api/attachments/${created.body.attachment.id}/complete`);
    expect(complete.status).toBe(409);
    expect(complete.body.error.code).toBe('ATTACHMENT.NOT_UPLOADED');
  });

  it('when a file is larger than the limit, then 413 ATTACHMENT.TOO_LARGE and nothing is stored', async () => {
    const { owner, topicId } = await room();
    const reply = await t.api(owner, 'POST', `/api/topics/${topicId}/attachments`, {
      name: 'huge.bin',
      size: 25 * 1024 * 1024 + 1,
      contentType: 'application/octet-stream',
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('ATTACHMENT.TOO_LARGE');
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE topic_id = $1', [
      topicId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('when a file name has a path, controls or a bidi override, then it is stored sanitised', async () => {
    const { owner, topicId } = await room();
    const reply = await t.api(owner, 'POST', `/api/topics/${topicId}/attachments`, {
      name: '../../etc/\u202egpj.exe',
      size: 10,
      contentType: 'application/octet-stream',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.attachment.name).toBe('gpj.exe');
  });

  it('when someone who is not a member asks to upload to the topic, then 404 TOPIC.NOT_FOUND', async () => {
    const { outsider, topicId } = await room();
    const reply = await t.api(outsider, 'POST', `/api/topics/${topicId}/attachments`, {
      name: 'x.txt',
      size: 1,
      contentType: 'text/plain',
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('TOPIC.NOT_FOUND');
  });
});

describe('downloading with a presigned GET', () => {
  it('when a non-member asks for the URL, then 404 ATTACHMENT.NOT_FOUND, like an attachment that does not exist', async () => {
    const { owner, outsider, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'secret.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('members only'),
    });
    const refused = await t.api(outsider, 'GET', `/api/attachments/${id}/url`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('ATTACHMENT.NOT_FOUND');
    const missing = await t.api(outsider, 'GET', `/api/attachments/${crypto.randomUUID()}/url`);
    expect(missing.body).toEqual({
      error: { ...refused.body.error, correlationId: missing.body.error.correlationId },
    });
  });

  it('when a member other than the uploader asks for an unsent upload, then 404 (only the uploader sees it)', async () => {
    const { owner, guest, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'draft.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('not sent yet'),
    });
    const refused = await t.api(guest, 'GET', `/api/attachments/${id}/url`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('ATTACHMENT.NOT_FOUND');
  });

  it('when the storage is asked without a signature, then it refuses (the bucket is private)', async () => {
    const { owner, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'private.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('private'),
    });
    const [key] = await keysOf(t, id);
    const anonymous = await fetch(`${s3Env.endpoint}/${s3Env.bucket}/${key}`);
    expect(anonymous.status).toBe(403);
  });

  it('when a presigned URL has expired, then the storage refuses it', async () => {
    const { owner, topicId } = await room(quick);
    const { id } = await upload(quick, owner, topicId, {
      name: 'soon-gone.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('expiring'),
    });
    const url = (await quick.api(owner, 'GET', `/api/attachments/${id}/url`)).body.url as string;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/expired/i);
  });

  it('when an HTML or SVG file is fetched, then it is served as an opaque download, never as a page', async () => {
    const { owner, topicId } = await room();
    for (const file of [
      { name: 'page.html', contentType: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') },
      {
        name: 'logo.svg',
        contentType: 'image/svg+xml',
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      },
      { name: 'feed.xml', contentType: 'application/xhtml+xml', bytes: Buffer.from('<html/>') },
    ]) {
      const { id } = await upload(t, owner, topicId, file);
      const url = await t.api(owner, 'GET', `/api/attachments/${id}/url`);
      expect(url.body.inline).toBe(false);
      const download = await fetch(url.body.url);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/octet-stream');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(file.bytes);
    }
  });

  it('when a PNG is uploaded, then a WebP thumbnail is made in the background and served inline', async () => {
    const { owner, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'wide.png',
      contentType: 'image/png',
      bytes: await png(1200, 600),
    });
    const done = await eventually(async () => {
      const reply = await t.api(owner, 'GET', `/api/attachments/${id}`);
      return reply.body.hasThumbnail ? reply.body : undefined;
    });
    expect(done).toMatchObject({ width: 1200, height: 600, hasThumbnail: true });
    const url = await t.api(owner, 'GET', `/api/attachments/${id}/url?variant=thumbnail`);
    expect(url.body.inline).toBe(true);
    const thumb = await fetch(url.body.url);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('content-disposition')).toMatch(/^inline; /);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 160 });
    const original = await fetch((await t.api(owner, 'GET', `/api/attachments/${id}/url`)).body.url);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('content-disposition')).toMatch(/^inline; /);
  });
});

describe('cleaning up', () => {
  it('when an upload never becomes part of a message, then the sweep removes its row and its objects', async () => {
    const { owner, topicId } = await room(quick);
    const { id } = await upload(quick, owner, topicId, {
      name: 'abandoned.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('nobody sent me'),
    });
    const keys = await keysOf(quick, id);
    expect(await objectExists(keys[0]!)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await quick.service.services.attachments.sweepUnsent();
    await quick.service.services.attachments.purgeObjects();
    expect((await quick.api(owner, 'GET', `/api/attachments/${id}`)).status).toBe(404);
    expect(await keysOf(quick, id)).toEqual([]);
    expect(await objectExists(keys[0]!)).toBe(false);
  });

  it('when the uploader cancels an unsent upload, then it is gone and a second cancel is fine', async () => {
    const { owner, guest, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'oops.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('wrong file'),
    });
    const [key] = await keysOf(t, id);
    expect((await t.api(guest, 'DELETE', `/api/attachments/${id}`)).status).toBe(404);
    expect((await t.api(owner, 'DELETE', `/api/attachments/${id}`)).status).toBe(204);
    expect((await t.api(owner, 'DELETE', `/api/attachments/${id}`)).status).toBe(204);
    await t.service.services.attachments.purgeObjects();
    expect(await objectExists(key!)).toBe(false);
  });
});

describe('attachments in messages', () => {
  let n = 0;
  const send = (svc: TestService, user: TestUser, topicId: string, body: string, attachmentIds: string[]) =>
    svc.api(user, 'POST', `/api/topics/${topicId}/messages`, {
      body,
      nonce: `att-nonce-${++n}-${user.id}`,
      attachmentIds,
    });

  it('when a message is sent with my ready upload, then it carries it and every member may download it', async () => {
    const { owner, guest, outsider, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'minutes.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('we agreed'),
    });
    const sent = await send(t, owner, topicId, 'the minutes', [id]);
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([
      { id, name: 'minutes.txt', size: 9, contentType: 'text/plain', hasThumbnail: false },
    ]);
    const history = await t.api(guest, 'GET', `/api/topics/${topicId}/messages`);
    expect(history.body.messages[0].attachments).toEqual(sent.body.attachments);
    const url = await t.api(guest, 'GET', `/api/attachments/${id}/url`);
    expect(url.status).toBe(200);
    expect(await (await fetch(url.body.url)).text()).toBe('we agreed');
    expect((await t.api(outsider, 'GET', `/api/attachments/${id}/url`)).status).toBe(404);
  });

  it('when a message is only files (an empty body), then it is stored and carries them', async () => {
    const { owner, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'photo.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('x'),
    });
    const sent = await send(t, owner, topicId, '', [id]);
    expect(sent.status).toBe(201);
    expect(sent.body.body).toBe('');
    expect(sent.body.attachments.map((a: { id: string }) => a.id)).toEqual([id]);
    const withoutFiles = await send(t, owner, topicId, '', []);
    expect(withoutFiles.status).toBe(400);
  });

  it('when a send is retried with the same nonce, then the original comes back with its attachment once', async () => {
    const { owner, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'once.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('1'),
    });
    const body = { body: 'see file', nonce: `retry-att-${owner.id}`, attachmentIds: [id] };
    const first = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, body);
    const retry = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.attachments.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it("when a send names someone else's, a pending or an already sent upload, then 409 ATTACHMENT.UNUSABLE and nothing is stored", async () => {
    const { owner, guest, topicId } = await room();
    const { id: mine } = await upload(t, owner, topicId, {
      name: 'a.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('a'),
    });
    const pending = await t.api<Upload>(owner, 'POST', `/api/topics/${topicId}/attachments`, {
      name: 'p.txt',
      size: 1,
      contentType: 'text/plain',
    });
    const theirs = await send(t, guest, topicId, 'taking it', [mine]);
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe('ATTACHMENT.UNUSABLE');
    const notReady = await send(t, owner, topicId, 'x', [pending.body.attachment.id]);
    expect(notReady.body.error.code).toBe('ATTACHMENT.UNUSABLE');
    expect((await send(t, owner, topicId, 'first', [mine])).status).toBe(201);
    const again = await send(t, owner, topicId, 'second', [mine]);
    expect(again.body.error.code).toBe('ATTACHMENT.UNUSABLE');
    const history = await t.api(owner, 'GET', `/api/topics/${topicId}/messages`);
    expect(history.body.messages.map((m: { body: string }) => m.body)).toEqual(['first']);
  });

  it('when a send has neither text nor files, then 400 REQUEST.INVALID', async () => {
    const { owner, topicId } = await room();
    const reply = await send(t, owner, topicId, '', []);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('REQUEST.INVALID');
  });

  it('when a message with a PNG is deleted, then its file and its thumbnail are removed from storage', async () => {
    const { owner, guest, topicId } = await room();
    const { id } = await upload(t, owner, topicId, {
      name: 'photo.png',
      contentType: 'image/png',
      bytes: await png(400, 400),
    });
    await eventually(async () =>
      (await t.api(owner, 'GET', `/api/attachments/${id}`)).body.hasThumbnail ? true : undefined,
    );
    const keys = await keysOf(t, id);
    expect(keys).toHaveLength(2);
    const sent = await send(t, owner, topicId, 'look', [id]);
    expect(sent.body.attachments[0]).toMatchObject({ width: 400, height: 400, hasThumbnail: true });
    expect((await t.api(owner, 'DELETE', `/api/messages/${sent.body.id}`)).status).toBe(204);
    await t.service.services.attachments.purgeObjects();
    for (const key of keys) expect(await objectExists(key), key).toBe(false);
    expect((await t.api(guest, 'GET', `/api/attachments/${id}/url`)).status).toBe(404);
    const history = await t.api(owner, 'GET', `/api/topics/${topicId}/messages`);
    expect(history.body.messages[0].attachments).toEqual([]);
  });
});
