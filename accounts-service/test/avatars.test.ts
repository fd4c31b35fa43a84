// Avatars on the local stack's real S3 gateway (SeaweedFS): the browser's PUT to a presigned URL, the
// avatar made by the service, UserUpdated on Kafka, the public redirect, and the objects left behind.
import { deflateSync, crc32 } from 'node:zlib';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AvatarUpload, ErrorBody, Me, UserEvent } from '@partyline/contracts';
import { createS3ObjectStore, type S3ObjectStore } from '@partyline/object-store';

import { avatarKey, uploadKey } from '../src/avatars/avatars.service.js';
import { Browser } from './support/browser.js';
import { readTopic, type TopicReader } from './support/kafka.js';
import { startTestService, testConfig, type TestService } from './support/service.js';
import { devSignIn } from './support/session.js';

const codeOf = (body: unknown) => ErrorBody.parse(body).error.code;

/** The stack's S3 gateway (scripts/stack.sh writes these into .stack/stack.env). */
const s3Env = {
  S3_BUCKET: process.env['PARTYLINE_S3_BUCKET'] ?? 'partyline-attachments',
  S3_ENDPOINT: process.env['PARTYLINE_S3_ENDPOINT'] ?? 'http://127.0.0.1:58333',
  S3_REGION: process.env['PARTYLINE_S3_REGION'] ?? 'us-east-1',
  S3_ACCESS_KEY_ID: process.env['PARTYLINE_S3_ACCESS_KEY'] ?? 'unset',
  S3_SECRET_ACCESS_KEY: process.env['PARTYLINE_S3_SECRET_KEY'] ?? 'unset',
  S3_FORCE_PATH_STYLE: 'true',
  S3_CREATE_BUCKET: 'true',
};

// ---------- pictures ----------

/** 400×300, left half red, right half blue, EXIF orientation 6 (shown rotated 90° clockwise: red on top). */
const rotatedPhoto = async () =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: '#ff0000' } })
    .composite([
      {
        input: await sharp({ create: { width: 200, height: 300, channels: 3, background: '#0000ff' } })
          .png()
          .toBuffer(),
        left: 200,
        top: 0,
      },
    ])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();

const plainPng = (colour: string) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** Two 8×8 frames. */
const animatedGif = () => {
  const raw = Buffer.alloc(8 * 16 * 3, 0).fill(255, 0, 8 * 8 * 3);
  return sharp(raw, { raw: { width: 8, height: 16, channels: 3, pageHeight: 8 } })
    .gif()
    .toBuffer();
};

/** A 69-byte PNG whose header claims 20000×20000 pixels (400 megapixels): a decompression bomb. */
function pixelBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(100))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('avatars', () => {
  let svc: TestService;
  let store: S3ObjectStore;
  let reader: TopicReader;
  const http = new Browser();

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true', ...s3Env }));
    if (!svc.config.avatars) throw new Error('avatars are not configured');
    store = createS3ObjectStore(svc.config.avatars);
    reader = await readTopic(svc.config.topics.userEvents);
  });
  afterAll(async () => {
    store?.close();
    await reader?.stop();
    await svc?.close();
  });

  const presign = (token: string | undefined, body: unknown) =>
    http.request(`${svc.url}/api/users/me/avatar`, { method: 'POST', body, ...(token ? { token } : {}) });
  const complete = (token: string, uploadId: string) =>
    http.request(`${svc.url}/api/users/me/avatar/complete`, { method: 'POST', token, body: { uploadId } });
  const me = async (token: string) =>
    Me.parse((await http.request(`${svc.url}/api/users/me`, { token })).body);
  /** The object's size on the storage, or null when there is none. */
  const sizeOf = async (key: string) => (await store.head(key))?.size ?? null;

  /** What the browser does: ask for a URL, PUT the bytes to the storage with the signed headers. */
  async function upload(token: string, picture: Buffer, contentType: string) {
    const reply = await presign(token, { contentType, size: picture.length });
    expect(reply.status).toBe(201);
    const { uploadId, upload: target } = AvatarUpload.parse(reply.body);
    const put = await fetch(target.url, {
      method: 'PUT',
      headers: target.headers,
      body: new Uint8Array(picture),
    });
    expect(put.status).toBe(200);
    return uploadId;
  }

  /** The redirect's target, fetched as the browser's <img> would (no token). */
  async function followAvatar(avatarUrl: string) {
    const hop = await http.request(`${svc.url}${avatarUrl}`);
    expect(hop.status).toBe(302);
    const image = await fetch(hop.location ?? '');
    return { hop, image };
  }

  it('when nobody is signed in, no upload URL is given', async () => {
    const reply = await presign(undefined, { contentType: 'image/png', size: 1000 });
    expect(reply.status).toBe(401);
    expect(codeOf(reply.body)).toBe('AUTH.REQUIRED');
  });

  it.each([
    [
      'an SVG (it can carry script)',
      { contentType: 'image/svg+xml', size: 1000 },
      415,
      'AVATAR.TYPE_NOT_ALLOWED',
    ],
    ['an HTML file', { contentType: 'text/html', size: 1000 }, 415, 'AVATAR.TYPE_NOT_ALLOWED'],
    [
      'a picture over 10 MB',
      { contentType: 'image/jpeg', size: 10 * 1024 * 1024 + 1 },
      413,
      'AVATAR.TOO_LARGE',
    ],
    ['no size', { contentType: 'image/png' }, 400, 'REQUEST.INVALID'],
    ['an unknown field', { contentType: 'image/png', size: 10, key: 'avatars/x' }, 400, 'REQUEST.INVALID'],
  ])(
    'when the upload is %s, it is refused with a stable code and nothing changes',
    async (_n, body, status, code) => {
      const { token, session } = await devSignIn(svc.url, 'refused_up');
      const reply = await presign(token, body);
      expect(reply.status).toBe(status);
      expect(codeOf(reply.body)).toBe(code);
      expect(await me(token)).toMatchObject({ avatarUrl: null, displayName: session.user.displayName });
    },
  );

  it('when a photo is uploaded and completed, the profile points at a 256×256 WebP upright avatar, UserUpdated carries it, and anyone can load it through the redirect', async () => {
    const { token, session } = await devSignIn(svc.url, 'avatar_ada');
    const userId = session.user.id;
    const uploadId = await upload(token, await rotatedPhoto(), 'image/jpeg');

    const done = await complete(token, uploadId);
    expect(done.status).toBe(200);
    const profile = Me.parse(done.body);
    expect(profile.avatarUrl).toBe(`/api/users/${userId}/avatar/${uploadId}`);
    expect(await me(token)).toMatchObject({ avatarUrl: profile.avatarUrl });

    // The upload is gone; the avatar is stored under its own key.
    expect(await sizeOf(uploadKey(userId, uploadId))).toBeNull();
    expect(await sizeOf(avatarKey(userId, uploadId))).toBeGreaterThan(0);

    // Published through the outbox with the full state.
    const mine = (values: unknown[]) =>
      values
        .map((v) => UserEvent.parse(v))
        .filter((e) => e.aggregateId === userId && e.type === 'UserUpdated');
    await reader.waitFor((values) => mine(values).length === 1);
    expect(mine(reader.messages.map((m) => m.value))[0]?.data).toMatchObject({
      userId,
      avatarUrl: profile.avatarUrl,
    });

    // Public (no token), cached for a while, a short-lived presigned URL of a WebP.
    const { hop, image } = await followAvatar(profile.avatarUrl ?? '');
    expect(hop.headers.get('cache-control')).toMatch(/^private, max-age=(\d+)$/);
    const maxAge = Number(/max-age=(\d+)/.exec(hop.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(25 * 60);
    expect(maxAge).toBeLessThanOrEqual(60 * 60);
    expect(hop.location).toMatch(/X-Amz-Signature=/);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await image.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 256]);
    expect(meta.exif).toBeUndefined(); // no camera data leaves with it

    // EXIF orientation applied: the red half is on top.
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const channels = meta.channels ?? 3;
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 256 + x) * channels, (y * 256 + x) * channels + 3),
    ];
    const [tr, , tb] = pixel(128, 12);
    const [br, , bb] = pixel(128, 243);
    expect(tr).toBeGreaterThan(200);
    expect(tb).toBeLessThan(60);
    expect(bb).toBeGreaterThan(200);
    expect(br).toBeLessThan(60);

    // The same redirect within the signing window: the browser's image cache holds.
    const again = await http.request(`${svc.url}${profile.avatarUrl}`);
    expect(again.location).toBe(hop.location);
  });

  it('when complete is retried, the same profile comes back and no second event is written', async () => {
    const { token, session } = await devSignIn(svc.url, 'avatar_retry');
    const uploadId = await upload(token, await plainPng('#00aa00'), 'image/png');
    const first = Me.parse((await complete(token, uploadId)).body);
    const retried = await complete(token, uploadId);
    expect(retried.status).toBe(200);
    expect(Me.parse(retried.body).avatarUrl).toBe(first.avatarUrl);
    const updates = () =>
      reader.messages
        .map((m) => UserEvent.parse(m.value))
        .filter((e) => e.aggregateId === session.user.id && e.type === 'UserUpdated');
    await reader.waitFor(() => updates().length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(updates()).toHaveLength(1);
  });

  it('when a new avatar replaces one, the old object is deleted and its URL stops answering', async () => {
    const { token, session } = await devSignIn(svc.url, 'avatar_swap');
    const userId = session.user.id;
    const first = await upload(token, await plainPng('#aa0000'), 'image/png');
    const oldUrl = Me.parse((await complete(token, first)).body).avatarUrl ?? '';
    const second = await upload(token, await plainPng('#0000aa'), 'image/png');
    const newUrl = Me.parse((await complete(token, second)).body).avatarUrl ?? '';

    expect(newUrl).not.toBe(oldUrl);
    expect(await sizeOf(avatarKey(userId, first))).toBeNull();
    expect(await sizeOf(avatarKey(userId, second))).toBeGreaterThan(0);
    const old = await http.request(`${svc.url}${oldUrl}`);
    expect(old.status).toBe(404);
    expect(codeOf(old.body)).toBe('AVATAR.NOT_FOUND');
    expect((await followAvatar(newUrl)).image.status).toBe(200);
  });

  it('when the avatar is removed, the profile has none and the object is deleted', async () => {
    const { token, session } = await devSignIn(svc.url, 'avatar_gone');
    const uploadId = await upload(token, await plainPng('#333333'), 'image/png');
    const url = Me.parse((await complete(token, uploadId)).body).avatarUrl ?? '';
    const removed = await http.request(`${svc.url}/api/users/me/avatar`, { method: 'DELETE', token });
    expect(removed.status).toBe(200);
    expect(Me.parse(removed.body).avatarUrl).toBeNull();
    expect(await sizeOf(avatarKey(session.user.id, uploadId))).toBeNull();
    expect((await http.request(`${svc.url}${url}`)).status).toBe(404);
  });

  it('when the profile is pointed at another URL with PATCH, the stored avatar is deleted', async () => {
    const { token, session } = await devSignIn(svc.url, 'avatar_patch');
    const uploadId = await upload(token, await plainPng('#444444'), 'image/png');
    await complete(token, uploadId);
    const patched = await http.request(`${svc.url}/api/users/me`, {
      method: 'PATCH',
      token,
      body: { avatarUrl: 'https://example.com/me.png' },
    });
    expect(patched.status).toBe(200);
    expect(await sizeOf(avatarKey(session.user.id, uploadId))).toBeNull();
  });

  it.each([
    ['an animated GIF', animatedGif, 'image/gif', 400, 'AVATAR.ANIMATED'],
    ['a 400-megapixel PNG bomb', async () => pixelBomb(), 'image/png', 413, 'AVATAR.TOO_MANY_PIXELS'],
    [
      'HTML declared as a PNG',
      async () => Buffer.from('<script>alert(1)</script>'),
      'image/png',
      400,
      'AVATAR.UNUSABLE',
    ],
    [
      'an SVG declared as a PNG',
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      'image/png',
      400,
      'AVATAR.UNUSABLE',
    ],
  ])(
    'when the uploaded picture is %s, complete refuses it, deletes it and keeps the avatar',
    async (_n, make, type, status, code) => {
      const { token, session } = await devSignIn(svc.url, 'avatar_bad');
      const before = await me(token);
      const uploadId = await upload(token, await make(), type);
      const reply = await complete(token, uploadId);
      expect(reply.status).toBe(status);
      expect(codeOf(reply.body)).toBe(code);
      expect((await me(token)).avatarUrl).toBe(before.avatarUrl);
      expect(await sizeOf(uploadKey(session.user.id, uploadId))).toBeNull();
    },
  );

  it('when nothing was uploaded with the id, complete is 409 AVATAR.NOT_UPLOADED', async () => {
    const { token } = await devSignIn(svc.url, 'avatar_none');
    const reply = await complete(token, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(reply.status).toBe(409);
    expect(codeOf(reply.body)).toBe('AVATAR.NOT_UPLOADED');
  });

  it("when another user completes someone's upload id, it is not theirs to use", async () => {
    const owner = await devSignIn(svc.url, 'avatar_owner');
    const thief = await devSignIn(svc.url, 'avatar_thief');
    const uploadId = await upload(owner.token, await plainPng('#555555'), 'image/png');
    const reply = await complete(thief.token, uploadId);
    expect(reply.status).toBe(409);
    expect(codeOf(reply.body)).toBe('AVATAR.NOT_UPLOADED');
  });

  it('when the PUT sends another type than was signed, the storage refuses it', async () => {
    const { token } = await devSignIn(svc.url, 'avatar_sneak');
    const picture = await plainPng('#666666');
    const reply = await presign(token, { contentType: 'image/png', size: picture.length });
    const { upload: target } = AvatarUpload.parse(reply.body);
    const put = await fetch(target.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: new Uint8Array(picture),
    });
    expect(put.status).toBe(403);
  });

  it('when a token is made up, the avatar URL is 404 AVATAR.NOT_FOUND', async () => {
    const { session } = await devSignIn(svc.url, 'avatar_guess');
    const reply = await http.request(`${svc.url}/api/users/${session.user.id}/avatar/BBBBBBBBBBBBBBBBBBBBBB`);
    expect(reply.status).toBe(404);
    expect(codeOf(reply.body)).toBe('AVATAR.NOT_FOUND');
  });
});
