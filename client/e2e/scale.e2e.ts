import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { APP_URL, launch, messageList, openUser, send, shot, unique, type Watched } from './harness';
import { createParty, join, signInApi } from './rest';

// Several messages-service instances behind HAProxy (`make up SCALE=3`, or `make e2e-scale`, which starts one
// on its own ports). scripts/app.sh describes the running app in .stack/run[/app-<client port>]/app.json.
interface Instance {
  name: string;
  cookie?: string;
  pidFile: string;
}
interface AppState {
  appUrl: string;
  scale: number;
  haproxyOpsPort: number | null;
  messages: Instance[];
}

const RUN = fileURLToPath(new URL('../../.stack/run/', import.meta.url));
const port = (url: string) => new URL(url).port;

function findState(): AppState | undefined {
  const files = [
    `${RUN}app.json`,
    ...(existsSync(RUN) ? readdirSync(RUN).map((d) => `${RUN}${d}/app.json`) : []),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const state = JSON.parse(readFileSync(file, 'utf8')) as AppState;
    if (port(state.appUrl) === port(APP_URL)) return state;
  }
  return undefined;
}

const state = findState();
const scaled = state !== undefined && state.scale >= 2;
if (!scaled)
  console.log(
    `scale.e2e: skipped, the app at ${APP_URL} is not running with SCALE>=2 ` +
      `(${state ? `its app.json says scale ${state.scale}` : 'no .stack/run/**/app.json for its port'}); ` +
      'run `make e2e-scale`, or `make up SCALE=3` and point PARTYLINE_APP_URL at it',
  );

/** The server names HAProxy sees UP in the messages backend. */
async function upInstances(): Promise<string[]> {
  const csv = await fetch(`http://127.0.0.1:${state!.haproxyOpsPort}/stats;csv`).then((r) => r.text());
  return csv
    .split('\n')
    .map((line) => line.split(','))
    .filter((f) => f[0] === 'messages' && f[1]?.startsWith('messages-') && f[17] === 'UP')
    .map((f) => f[1]!);
}

/** Records the instance (HAProxy's X-Served-By) of every WebSocket handshake of the page, in order. */
async function watchHandshakes(page: Page): Promise<{ at: number; servedBy: string }[]> {
  const seen: { at: number; servedBy: string }[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketHandshakeResponseReceived', (event) => {
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    seen.push({ at: Date.now(), servedBy: headers['x-served-by'] ?? '?' });
  });
  return seen;
}

/**
 * Dev sign-in inside the browser context (its refresh cookie lands in the context's jar, the app then
 * signs in silently), waiting out the per-address sign-in limit that the other e2e files may have spent.
 */
async function signInContext(user: Watched, username: string): Promise<void> {
  for (;;) {
    const res = await user.context.request.post(`${APP_URL}/api/auth/dev`, {
      data: { username },
      headers: { origin: APP_URL },
    });
    if (res.status() !== 429) return expect(res.status()).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(1, Number(res.headers()['retry-after'] ?? '1')) * 1000));
  }
}

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!scaled)('several messages-service instances behind HAProxy', () => {
  let browser: Browser;
  let alice: Watched;
  let bob: Watched;
  let aliceWs: { at: number; servedBy: string }[];
  let bobWs: { at: number; servedBy: string }[];
  const id = unique();
  let topicPath = '';

  beforeAll(async () => {
    expect((await upInstances()).length).toBeGreaterThanOrEqual(2);
    const owner = await signInApi(`alice${id}`);
    const member = await signInApi(`bob${id}`);
    const { partyId, topicId } = await createParty(owner, `Scale ${id}`);
    await join(owner, partyId, [member]);
    topicPath = `/parties/${partyId}/topics/${topicId}`;
    browser = await launch();
    alice = await openUser(browser);
    bob = await openUser(browser);
    aliceWs = await watchHandshakes(alice.page);
    bobWs = await watchHandshakes(bob.page);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-scale-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    await shot(alice.page, `${name}-alice`).catch(() => undefined);
    await shot(bob.page, `${name}-bob`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps a socket.io long-polling session on one instance (the pl_node cookie)', async () => {
    const user = await signInApi(`poller${id}`);
    const base = `${APP_URL}/socket.io/?EIO=4&transport=polling`;
    const headers = { origin: APP_URL };
    const open = await fetch(base, { headers });
    expect(open.status).toBe(200);
    const sid = (JSON.parse((await open.text()).slice(1)) as { sid: string }).sid;
    const cookie = open.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^pl_node=m\d$/);
    const servedBy = open.headers.get('x-served-by');

    // Pinned: the namespace connect and its answer reach the instance holding the session.
    const connect = await fetch(`${base}&sid=${sid}`, {
      method: 'POST',
      headers: { ...headers, cookie, 'content-type': 'text/plain;charset=UTF-8' },
      body: `40${JSON.stringify({ token: user.token })}`,
    });
    expect(connect.status).toBe(200);
    expect(connect.headers.get('x-served-by')).toBe(servedBy);
    const answer = await fetch(`${base}&sid=${sid}`, { headers: { ...headers, cookie } });
    expect(answer.headers.get('x-served-by')).toBe(servedBy);
    expect(await answer.text()).toMatch(/^40\{"sid":/);

    // Without the cookie, round robin spreads the same session's requests and the other instances do not
    // know it: stickiness is what makes polling work.
    const loose = await Promise.all(
      [1, 2, 3].map(() => fetch(`${base}&sid=${sid}`, { method: 'POST', headers, body: '1' })),
    );
    expect(loose.some((r) => r.status === 400)).toBe(true);
  });

  it('Alice and Bob are on two different instances and chat live', async () => {
    // Pin each to an instance the way HAProxy itself does, by its cookie: a browser's first requests go out
    // together before any cookie is set, and round robin could otherwise split its REST calls and socket.
    const [aliceTo, bobTo] = (await upInstances()).map((name) =>
      state!.messages.find((m) => m.name === name)!,
    );
    await alice.context.addCookies([{ name: 'pl_node', value: aliceTo!.cookie!, url: APP_URL }]);
    await bob.context.addCookies([{ name: 'pl_node', value: bobTo!.cookie!, url: APP_URL }]);
    await signInContext(alice, `alice${id}`);
    await alice.page.goto(topicPath);
    await messageList(alice.page).waitFor();
    const aliceOn = await until('Alice’s WebSocket', () => aliceWs.at(-1)?.servedBy);
    await signInContext(bob, `bob${id}`);
    await bob.page.goto(topicPath);
    await messageList(bob.page).waitFor();
    const bobOn = await until('Bob’s WebSocket', () => bobWs.at(-1)?.servedBy);
    console.log(`scale.e2e: Alice's socket is on ${aliceOn}, Bob's on ${bobOn}`);
    expect(aliceOn).toBe(aliceTo!.name);
    expect(bobOn).toBe(bobTo!.name);

    await send(alice.page, `Hello from Alice ${id}`);
    await messageList(bob.page).getByText(`Hello from Alice ${id}`).waitFor();
    await send(bob.page, `Hi Alice, Bob here ${id}`);
    await messageList(alice.page).getByText(`Hi Alice, Bob here ${id}`).waitFor();
  });

  it('Bob’s instance is killed (-9): he reconnects to another through HAProxy and catches up without a reload', async () => {
    const bobOn = bobWs.at(-1)!.servedBy;
    const pid = Number(readFileSync(state!.messages.find((m) => m.name === bobOn)!.pidFile, 'utf8'));
    const navigations: string[] = [];
    bob.page.on('framenavigated', (f) => navigations.push(f.url()));
    const handshakes = bobWs.length;
    // The browser reports the dropped WebSocket and the refused first retry; expected here.
    bob.offline = true;

    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const missed = [1, 2, 3].map((n) => `While ${bobOn} was gone ${n} ${id}`);
    for (const text of missed) await send(alice.page, text);

    const again = await until('Bob’s new WebSocket', () => bobWs[handshakes], 30_000);
    expect(again.servedBy).not.toBe(bobOn);
    for (const text of missed) await messageList(bob.page).getByText(text).waitFor({ timeout: 30_000 });
    const caughtUp = Date.now();
    console.log(
      `scale.e2e: killed ${bobOn} (pid ${pid}); Bob reconnected to ${again.servedBy} after ` +
        `${again.at - killedAt} ms and showed the ${missed.length} missed messages after ${caughtUp - killedAt} ms`,
    );
    expect(navigations).toEqual([]);

    // Live again in both directions, across the surviving instances.
    await send(bob.page, `Back on ${again.servedBy} ${id}`);
    await messageList(alice.page).getByText(`Back on ${again.servedBy} ${id}`).waitFor();
    await send(alice.page, `Welcome back ${id}`);
    await messageList(bob.page).getByText(`Welcome back ${id}`).waitFor();
    await bob.page.getByTestId('reconnecting-banner').waitFor({ state: 'detached', timeout: 15_000 });
    bob.offline = false;
    await bob.page.waitForTimeout(500);
    expect(alice.errors).toEqual([]);
    // Bob's requests in flight when his instance died fail once (502); the app retries them.
    expect(bob.errors.filter((e) => !/status of 502/.test(e))).toEqual([]);
    expect(alice.dialogs.concat(bob.dialogs)).toEqual([]);
  });
});
