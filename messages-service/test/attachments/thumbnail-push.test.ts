// A thumbnail that is made after its message was sent reaches every member live (message:updated) and by a
// sync (the topic's change counter), on the real stack: PostgreSQL, Redis, SeaweedFS. And /readyz names the
// object store.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';
import { connectToService } from '../realtime/support/service-client.js';
import { nextEvent, record, request, type TestClient } from '../realtime/support/wait.js';

let t: TestService;
const clients: TestClient[] = [];

beforeAll(async () => {
  // The background rounds every 200 ms, so a thumbnail put back to 'waiting' is made again soon.
  t = await startTestService({ attachments: {}, attachmentTasks: { intervalMs: 200 } });
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await t?.close();
});

async function connect(user: TestUser): Promise<TestClient> {
  const client = await connectToService(t, user.token);
  clients.push(client);
  return client;
}

async function room() {
  const owner = t.user();
  const guest = t.user();
  const outsider = t.user();
  const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Pictures' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  await t.api(guest, 'POST', `/api/invites/${code}/accept`);
  await t.api(outsider, 'POST', '/api/parties', { name: 'Elsewhere' });
  const topicId: string = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
  return { owner, guest, outsider, topicId, partyId: party.id as string };
}

async function uploadPng(user: TestUser, topicId: string, width: number, height: number): Promise<string> {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  const created = await t.api(user, 'POST', `/api/topics/${topicId}/attachments`, {
    name: 'sky.png',
    size: bytes.length,
    contentType: 'image/png',
  });
  expect(created.status).toBe(201);
  const put = await fetch(created.body.upload.url, {
    method: 'PUT',
    headers: created.body.upload.headers,
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  const id: string = created.body.attachment.id;
  expect((await t.api(user, 'POST', `/api/attachments/${id}/complete`)).status).toBe(200);
  return id;
}

async function thumbnailState(id: string): Promise<string | null> {
  const { rows } = await t.db.pool.query<{ thumbnail_state: string | null }>(
    'SELECT thumbnail_state FROM attachments WHERE id = $1',
    [id],
  );
  return rows[0]?.thumbnail_state ?? null;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The image's thumbnail as if it were still being made: the thumbnailer is fast on a small image, so the
 * test waits for the first one, then puts the row back to 'waiting' (and unsent-thumbnail fields) and lets
 * the background round make it again, now after the send. The object key stays the same.
 */
async function thumbnailAgainLater(id: string): Promise<void> {
  await until(async () => (await thumbnailState(id)) === 'done', 'the first thumbnail');
  await t.db.pool.query(
    `UPDATE attachments SET thumbnail_state = 'waiting', thumbnail_key = NULL, width = NULL, height = NULL,
            thumbnail_after = now() + interval '1 second'
      WHERE id = $1`,
    [id],
  );
}

describe('a thumbnail made after the send', () => {
  it('when the thumbnail of a sent image is made, then every member gets message:updated with it, and a sync returns it as changed', async () => {
    const { owner, guest, outsider, topicId } = await room();
    const id = await uploadPng(owner, topicId, 640, 480);
    const sent = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: 'look up',
      nonce: `push-${id}`,
      attachmentIds: [id],
    });
    expect(sent.status).toBe(201);
    await thumbnailAgainLater(id);
    // What a client holds now: the message without a thumbnail, and the topic's change counter.
    const before = (await t.api(guest, 'GET', `/api/topics/${topicId}/messages`)).body;
    const held = before.messages.find((m: { id: string }) => m.id === sent.body.id);
    expect(held.attachments).toEqual([
      { id, name: 'sky.png', size: expect.any(Number), contentType: 'image/png', hasThumbnail: false },
    ]);

    const guestSocket = await connect(guest);
    const ownerSocket = await connect(owner);
    const outsiderSocket = await connect(outsider);
    const seenByOutsider = record(outsiderSocket, 'message:updated');
    const isOurs = (m: { id: string }) => m.id === sent.body.id;
    const [toGuest, toOwner] = await Promise.all([
      nextEvent(guestSocket, 'message:updated', isOurs, 15_000),
      nextEvent(ownerSocket, 'message:updated', isOurs, 15_000),
    ]);

    for (const pushed of [toGuest, toOwner]) {
      expect(pushed.attachments).toEqual([
        {
          id,
          name: 'sky.png',
          size: held.attachments[0].size,
          contentType: 'image/png',
          width: 640,
          height: 480,
          hasThumbnail: true,
        },
      ]);
      expect(pushed.changeSeq).toBeGreaterThan(held.changeSeq);
      expect(pushed.changeSeq).toBeGreaterThan(before.lastChange);
      // Not an edit: the text and its edit mark are as they were.
      expect(pushed.body).toBe('look up');
      expect(pushed.editedAt).toBeNull();
    }
    // The thumbnail it names is there for members.
    const thumb = await t.api(guest, 'GET', `/api/attachments/${id}/url?variant=thumbnail`);
    expect(thumb.status).toBe(200);
    expect((await fetch(thumb.body.url)).headers.get('content-type')).toBe('image/webp');

    // A client that missed the push (offline) converges: its sync from the old change counter has it.
    const synced = await request(guestSocket, 'sync', {
      cursors: [{ topicId, lastSeq: held.seq, lastChange: before.lastChange }],
    });
    if (!synced.ok) throw new Error(JSON.stringify(synced));
    const [result] = synced.topics;
    if (!result || !('changed' in result)) throw new Error(`unexpected sync reply ${JSON.stringify(result)}`);
    expect(result.changed.map((m) => [m.id, m.attachments?.[0]?.hasThumbnail])).toEqual([
      [sent.body.id, true],
    ]);
    expect(result.lastChange).toBe(toGuest.changeSeq);

    // Someone outside the party hears nothing (a round trip after the push, so it would have arrived).
    await request(outsiderSocket, 'presence:list', { partyId: sent.body.partyId });
    expect(seenByOutsider).toEqual([]);
  });

  it('when the thumbnail of an upload that is not sent yet is made, then no message changes', async () => {
    const { owner, topicId, partyId } = await room();
    const last = async () =>
      (await t.api(owner, 'GET', `/api/topics/${topicId}/messages`)).body.lastChange as number;
    const changeBefore = await last();
    const ownerSocket = await connect(owner);
    const updates = record(ownerSocket, 'message:updated');
    const id = await uploadPng(owner, topicId, 300, 200);
    await until(async () => (await thumbnailState(id)) === 'done', 'the thumbnail');

    expect(await last()).toBe(changeBefore);
    await request(ownerSocket, 'presence:list', { partyId });
    expect(updates).toEqual([]);
    // Sent now, it carries the thumbnail from the start.
    const sent = await t.api(owner, 'POST', `/api/topics/${topicId}/messages`, {
      body: '',
      nonce: `later-${id}`,
      attachmentIds: [id],
    });
    expect(sent.body.attachments[0]).toMatchObject({ hasThumbnail: true, width: 300, height: 200 });
  });
});

describe('readiness', () => {
  it('when object storage is configured, then /readyz checks it too, and reports it down when it does not answer', async () => {
    const ready = await fetch(`${t.service.opsUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks).toMatchObject({
      objectStore: 'ok',
    });

    // Nothing listens on port 9: the storage is unreachable, so the service is not ready.
    const cut = await startTestService({
      attachments: { endpoint: 'http://127.0.0.1:9', createBucket: false },
    });
    try {
      const down = await fetch(`${cut.service.opsUrl}/readyz`);
      expect(down.status).toBe(503);
      expect(((await down.json()) as { checks: Record<string, string> }).checks).toEqual({
        postgres: 'ok',
        redis: 'ok',
        kafka: 'ok',
        objectStore: 'down',
      });
    } finally {
      await cut.close();
    }
  });
});
