// A REST client for setting up e2e scenarios and benchmarks from Node: dev sign-in, parties, invites and
// messages, through the same origin as the browser (so the dev server's proxy and CORS rules apply).
import { randomUUID } from 'node:crypto';

import { APP_URL } from './harness.js';

export interface ApiUser {
  username: string;
  id: string;
  token: string;
}

function request(user: ApiUser | null, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${APP_URL}${path}`, {
    method,
    headers: {
      origin: APP_URL,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(user ? { authorization: `Bearer ${user.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const retryAfterSeconds = (res: Response) => Math.max(1, Number(res.headers.get('retry-after') ?? '1'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T>(user: ApiUser | null, method: string, path: string, body?: unknown): Promise<T> {
  for (;;) {
    const res = await request(user, method, path, body);
    // Setting up runs at the server's pace: wait as long as it says, then go on.
    if (res.status === 429) {
      await sleep(retryAfterSeconds(res) * 1000);
      continue;
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * Spends the user's send allowance (shared by REST and socket sends) through the API until the server
 * refuses a send with at least `minSecondsLeft` of its window to go; with less, it waits for a new window
 * and starts again. Sends made right after are over the limit, however slowly the machine types them.
 * Returns the bodies it stored.
 */
export async function exhaustSendLimit(
  user: ApiUser,
  topicId: string,
  label: string,
  minSecondsLeft: number,
) {
  const stored: string[] = [];
  for (;;) {
    const body = `${label} ${stored.length + 1}`;
    const res = await request(user, 'POST', `/api/topics/${topicId}/messages`, { body, nonce: randomUUID() });
    if (res.status === 429) {
      if (retryAfterSeconds(res) >= minSecondsLeft) return stored;
      await sleep(retryAfterSeconds(res) * 1000);
      continue;
    }
    if (!res.ok) throw new Error(`POST messages: ${res.status} ${await res.text()}`);
    stored.push(body);
  }
}

export async function signInApi(username: string): Promise<ApiUser> {
  const s = await call<{ accessToken: string; user: { id: string } }>(null, 'POST', '/api/auth/dev', {
    username,
  });
  return { username, id: s.user.id, token: s.accessToken };
}

export async function createParty(owner: ApiUser, name: string) {
  const party = await call<{ id: string }>(owner, 'POST', '/api/parties', { name });
  const topics = await call<{ id: string; name: string }[]>(owner, 'GET', `/api/parties/${party.id}/topics`);
  return { partyId: party.id, topicId: topics[0]!.id };
}

export async function join(owner: ApiUser, partyId: string, members: ApiUser[]): Promise<void> {
  const invite = await call<{ code: string }>(owner, 'POST', `/api/parties/${partyId}/invites`, {});
  for (const m of members) await call(m, 'POST', `/api/invites/${invite.code}/accept`);
}

export interface Posted {
  seq: number;
  body: string;
  nonce: string;
}

export const post = (user: ApiUser, topicId: string, body: string) =>
  call<Posted>(user, 'POST', `/api/topics/${topicId}/messages`, { body, nonce: randomUUID() });

/** `count` messages, spread over the authors (each at most the server's send limit at a time). */
export async function postMany(authors: ApiUser[], topicId: string, count: number, label: string) {
  let next = 1;
  await Promise.all(
    authors.map(async (author) => {
      while (next <= count) {
        const n = next++;
        await post(author, topicId, `${label} ${n}`);
      }
    }),
  );
}

export const unreadOf = async (user: ApiUser, topicId: string) =>
  (
    await call<{ topics: { topicId: string; lastSeq: number; lastReadSeq: number; unread: number }[] }>(
      user,
      'GET',
      '/api/unread',
    )
  ).topics.find((t) => t.topicId === topicId);

export const markRead = (user: ApiUser, topicId: string, seq: number) =>
  call(user, 'PUT', `/api/topics/${topicId}/read`, { seq });

export const history = (user: ApiUser, topicId: string, query = '') =>
  call<{ messages: Posted[]; hasOlder: boolean; hasNewer: boolean }>(
    user,
    'GET',
    `/api/topics/${topicId}/messages?limit=100${query}`,
  );
