// Headless Chromium for the browser benchmarks (client-scroll, client-load): the machine's own build, no
// background traffic of its own, and a page at desktop size on the app.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

import { APP_URL } from '../../client/e2e/harness.js';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARTYLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A context at 1440×900 whose relative URLs go to the app. */
export const desktopContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: APP_URL });
