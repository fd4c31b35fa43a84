import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody, Me, PublicUser } from '@partyline/contracts';

import { Browser } from './support/browser.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { devSignIn } from './support/session.js';

const codeOf = (body: unknown) => ErrorBody.parse(body).error.code;

describe('users', () => {
  let svc: TestService;
  const http = new Browser();
  const me = (token: string) => http.request(`${svc.url}/api/users/me`, { token });
  const patch = (token: string, body: unknown) =>
    http.request(`${svc.url}/api/users/me`, { method: 'PATCH', token, body });

  let mongo: MongoClient;
  /** The user's document as stored (its version rises with every event pushed into its outbox). */
  const storedUser = async (id: string) => {
    const doc = await mongo.db().collection<{ _id: string }>('users').findOne({ _id: id });
    return doc as unknown as { version: number; displayName: string };
  };

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true' }));
    mongo = await MongoClient.connect(svc.config.mongoUrl);
  });
  afterAll(async () => {
    await mongo?.close();
    await svc?.close();
  });

  it('GET /api/users/me needs a bearer token', async () => {
    const reply = await http.request(`${svc.url}/api/users/me`);
    expect(reply.status).toBe(401);
    expect(codeOf(reply.body)).toBe('AUTH.REQUIRED');
  });

  it('GET /api/users/me returns the profile with no memberships yet', async () => {
    const { token, session } = await devSignIn(svc.url, 'frank');
    const reply = await me(token);
    expect(reply.status).toBe(200);
    expect(Me.parse(reply.body)).toEqual({ ...session.user, memberships: [] });
    expect(Object.keys(reply.body as object).sort()).toEqual(
      ['avatarUrl', 'createdAt', 'displayName', 'id', 'memberships', 'username'].sort(),
    );
  });

  it('PATCH /api/users/me updates display name (trimmed), username and avatar', async () => {
    const { token } = await devSignIn(svc.url, 'grace');
    const reply = await patch(token, {
      displayName: '  Grace Hopper  ',
      username: 'grace_h',
      avatarUrl: 'https://example.com/g.png',
    });
    expect(reply.status).toBe(200);
    expect(Me.parse(reply.body)).toMatchObject({
      displayName: 'Grace Hopper',
      username: 'grace_h',
      avatarUrl: 'https://example.com/g.png',
    });
    const cleared = await patch(token, { avatarUrl: null });
    expect(Me.parse(cleared.body).avatarUrl).toBeNull();
  });

  it.each([
    ['an empty display name', { displayName: '   ' }],
    ['a display name over 64 characters', { displayName: 'x'.repeat(65) }],
    ['a username with capitals', { username: 'Heidi' }],
    ['a username too short', { username: 'hi' }],
    ['a username over 32 characters', { username: 'h'.repeat(33) }],
    ['an http avatar', { avatarUrl: 'http://example.com/a.png' }],
    ['an avatar that is not a URL', { avatarUrl: 'javascript:alert(1)' }],
    ['an avatar over 2048 characters', { avatarUrl: `https://example.com/${'a'.repeat(2048)}` }],
    ['an unknown field', { email: 'x@example.com' }],
  ])('PATCH with %s is 400 REQUEST.INVALID and changes nothing', async (_name, body) => {
    const { token } = await devSignIn(svc.url, 'heidi');
    const before = Me.parse((await me(token)).body);
    const reply = await patch(token, body);
    expect(reply.status).toBe(400);
    expect(codeOf(reply.body)).toBe('REQUEST.INVALID');
    expect(Me.parse((await me(token)).body)).toEqual(before);
  });

  it('taking a username that exists is 409 USER.USERNAME_TAKEN and changes nothing', async () => {
    await devSignIn(svc.url, 'ivan');
    const { token } = await devSignIn(svc.url, 'judy');
    const reply = await patch(token, { username: 'ivan', displayName: 'Not Ivan' });
    expect(reply.status).toBe(409);
    expect(codeOf(reply.body)).toBe('USER.USERNAME_TAKEN');
    expect(Me.parse((await me(token)).body)).toMatchObject({ username: 'judy', displayName: 'judy' });
  });

  it('GET /api/users/:userId returns the public profile only; unknown ids are 404, bad ids 400', async () => {
    const { token } = await devSignIn(svc.url, 'mallory');
    const target = await devSignIn(svc.url, 'niaj');
    const reply = await http.request(`${svc.url}/api/users/${target.session.user.id}`, { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(PublicUser.parse(reply.body));
    expect(reply.body).toEqual({
      id: target.session.user.id,
      username: 'niaj',
      displayName: 'niaj',
      avatarUrl: null,
    });
    const unknown = await http.request(`${svc.url}/api/users/3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f`, {
      token,
    });
    expect(unknown.status).toBe(404);
    expect(codeOf(unknown.body)).toBe('USER.NOT_FOUND');
    const bad = await http.request(`${svc.url}/api/users/not-a-uuid`, { token });
    expect(bad.status).toBe(400);
  });

  it('DELETE /api/users/me removes the account, ends its sessions and frees the username', async () => {
    const { token, browser, session } = await devSignIn(svc.url, 'olivia');
    const reply = await http.request(`${svc.url}/api/users/me`, { method: 'DELETE', token });
    expect(reply.status).toBe(204);
    expect(codeOf((await me(token)).body)).toBe('USER.NOT_FOUND');
    const refresh = await browser.request(`${svc.url}/api/auth/refresh`, { method: 'POST' });
    expect(refresh.status).toBe(401);
    const again = await devSignIn(svc.url, 'olivia');
    expect(again.session.user.id).not.toBe(session.user.id);
  });

  it('a display name with NUL, only invisible characters or a bidi override is 400 and changes nothing', async () => {
    const { token, session } = await devSignIn(svc.url, 'careful');
    const before = await storedUser(session.user.id);
    for (const displayName of [
      'Ann\u0000ie',
      '\u0000',
      '\u200B\u200B',
      '\u200D\u2060\uFEFF',
      'evil\u202Etxt.exe',
      '\u2066Ann',
    ]) {
      const reply = await patch(token, { displayName });
      expect(reply.status, JSON.stringify(displayName)).toBe(400);
      expect(codeOf(reply.body)).toBe('REQUEST.INVALID');
    }
    expect(Me.parse((await me(token)).body).displayName).toBe('careful');
    // No UserUpdated was queued: the version (bumped with every outbox push) is where it was.
    expect(await storedUser(session.user.id)).toMatchObject({
      version: before.version,
      displayName: 'careful',
    });
  });

  it('a body that is not valid UTF-8 is 400 REQUEST.INVALID and changes nothing', async () => {
    const { token, session } = await devSignIn(svc.url, 'bytes');
    const before = await storedUser(session.user.id);
    const body = new Uint8Array([...Buffer.from('{"displayName":"Ann'), 0xff, 0xfe, ...Buffer.from('"}')]);
    const res = await fetch(`${svc.url}/api/users/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    expect(res.status).toBe(400);
    expect(codeOf(await res.json())).toBe('REQUEST.INVALID');
    expect(await storedUser(session.user.id)).toMatchObject({
      version: before.version,
      displayName: 'bytes',
    });
  });
});
