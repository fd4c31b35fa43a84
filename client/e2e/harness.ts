import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const APP_URL = (process.env.PARTYLINE_APP_URL ?? 'http://localhost:5173').replace(/\/$/, '');
export const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.PARTYLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Problems a page reported: console errors, uncaught exceptions and any dialog (alert would mean XSS). */
export interface Watched {
  page: Page;
  context: BrowserContext;
  errors: string[];
  dialogs: string[];
  /** While true, the browser's own reports of failed connections are expected (we cut the network). */
  offline: boolean;
}

const OFFLINE_NOISE = /WebSocket connection to .* failed|ERR_INTERNET_DISCONNECTED|net::ERR_/;

// The silent refresh on a first visit answers 401 by design, and an invalid invite 404s: Chromium logs
// those responses as console errors although the app handles them. Everything else fails the test.
const EXPECTED_NETWORK_ERRORS = [/\/api\/auth\/refresh$/, /\/api\/invites\/[^/]+(\/preview)?$/];

/**
 * PARTYLINE_E2E_CPU_SLOWDOWN=4: the page's CPU 4x slower (Chromium's own throttling), which brings out the
 * races a loaded CI machine hits and a quiet one hides;
 * PARTYLINE_E2E_LATENCY_MS=300 adds that much to every request's round trip (lazy chunks load late); it
 * takes over the network emulation, so the cases that cut the network (setOffline) fail under it.
 * Every page a test opens goes through here (openUser does it), so the knobs reach every file.
 */
export async function emulateSlowMachine(context: BrowserContext, page: Page): Promise<void> {
  const slowdown = Number(process.env.PARTYLINE_E2E_CPU_SLOWDOWN ?? '1');
  const latency = Number(process.env.PARTYLINE_E2E_LATENCY_MS ?? '0');
  if (slowdown <= 1 && latency <= 0) return;
  const cdp = await context.newCDPSession(page);
  if (slowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  if (latency > 0) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
}

export async function openUser(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, baseURL: APP_URL });
  const page = await context.newPage();
  await emulateSlowMachine(context, page);
  const watched: Watched = { page, context, errors: [], dialogs: [], offline: false };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url ?? '';
    if (
      msg.text().startsWith('Failed to load resource') &&
      EXPECTED_NETWORK_ERRORS.some((re) => re.test(url))
    )
      return;
    // ERR_INTERNET_DISCONNECTED can only come from our own setOffline; Chromium may log it a little late.
    const text = msg.text();
    if ((watched.offline && OFFLINE_NOISE.test(text)) || text.includes('ERR_INTERNET_DISCONNECTED')) return;
    watched.errors.push(`${text} (${url})`);
  });
  page.on('pageerror', (err) => watched.errors.push(`pageerror: ${err.message}`));
  page.on('dialog', async (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    // Our own "are you sure" confirms are fine to accept; an alert() never is.
    if (dialog.type() === 'confirm') await dialog.accept();
    else await dialog.dismiss();
  });
  return watched;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

export async function devSignIn(page: Page, username: string): Promise<void> {
  const field = page.getByLabel('Username');
  await field.waitFor();
  await field.fill(username);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The message list of the open topic. */
export const messageList = (page: Page) => page.getByTestId('message-list');

export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
