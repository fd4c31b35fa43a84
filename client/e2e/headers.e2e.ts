import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_URL, devSignIn, launch, openUser, send, unique } from './harness';

// The running app (vite preview) serves the client with its security headers (issue 12.8), and the app
// works under that policy: no violation while signing in, creating a party and chatting.
describe('security headers of the client', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const expectSecurityHeaders = (res: Response) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/); // no 'unsafe-inline', no 'unsafe-eval'
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  };

  it('index.html has the policy and is never cached; hashed assets are cached for a year', async () => {
    const index = await fetch(`${APP_URL}/parties/some-party`);
    expect(index.status).toBe(200);
    expectSecurityHeaders(index);
    expect(index.headers.get('cache-control')).toBe('no-cache');

    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${APP_URL}${asset}`);
    expect(js.status).toBe(200);
    expectSecurityHeaders(js);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // No source map is published, neither referenced nor served.
    const code = await js.text();
    expect(code).not.toContain('sourceMappingURL');
    expect((await fetch(`${APP_URL}${asset}.map`)).headers.get('content-type') ?? '').not.toContain('json');
  });

  it('when a user signs in and chats, the page reports no CSP violation', async () => {
    const user = await openUser(browser);
    const { page } = user;
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto('/');
    await devSignIn(page, `csp${unique()}`);
    await page.getByRole('button', { name: 'Create a party' }).first().click();
    await page.getByLabel('Party name').fill(`CSP ${unique()}`);
    await page.getByRole('button', { name: 'Create party' }).click();
    await page.waitForURL(/\/topics\//);
    await send(page, 'styles and sockets under a strict policy');
    await page.getByTestId('message').first().waitFor();
    // A Chakra menu and modal inject styles of their own (focus lock, scroll lock).
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invite people' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');

    const violations = await page.evaluate(
      () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
    );
    expect(violations).toEqual([]);
    expect(user.errors).toEqual([]);
    // Emotion's styles applied (a blocked style sheet would leave the browser's defaults).
    const radius = await page.evaluate(
      () => getComputedStyle(document.querySelector('textarea')!).borderRadius,
    );
    expect(radius).not.toBe('0px');
    await user.context.close();
  });
});
