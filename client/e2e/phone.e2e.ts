import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_URL, devSignIn, emulateSlowMachine, launch, send, shot, unique } from './harness';

// A phone (390x844, touch, no hover): message actions by long press, a drawer that fits and closes on
// Escape (issue 13.5).
describe('on a phone', () => {
  let browser: Browser;
  let page: Page;
  const id = unique();

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      baseURL: APP_URL,
    });
    page = await context.newPage();
    await emulateSlowMachine(context, page);
    await page.goto('/');
    await devSignIn(page, `phone${id}`);
    await page.getByRole('button', { name: 'Create a party' }).first().click();
    await page.getByLabel('Party name').fill(`Phone ${id}`);
    await page.getByRole('button', { name: 'Create party' }).click();
    await page.waitForURL(/\/topics\//);
    await send(page, `Typed on a phone ${id}`);
    await page.getByTestId('message').filter({ hasText: id }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the actions button is visible without hover', async () => {
    const button = page.getByTestId('message').first().getByRole('button', { name: 'Message actions' });
    const opacity = await button.evaluate((el) => getComputedStyle(el.parentElement!).opacity);
    expect(Number(opacity)).toBe(1);
  });

  it('a long press on a message opens its menu: edit, copy, delete', async () => {
    const body = page.getByTestId('message').first().getByTestId('message-body');
    const box = (await body.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const point = { x: box.x + 10, y: box.y + box.height / 2 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await page.waitForTimeout(700);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const menu = page.getByTestId('message-menu');
    await menu.getByRole('menuitem', { name: 'Edit message' }).waitFor();
    await expect(menu.getByRole('menuitem', { name: 'Delete message' }).isVisible()).resolves.toBe(true);
    await shot(page, 'phone-long-press-menu');
    await menu.getByRole('menuitem', { name: 'Edit message' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    await editor.fill(`Edited on a phone ${id}`);
    await editor.press('Enter');
    await page
      .getByTestId('message')
      .filter({ hasText: `Edited on a phone ${id}` })
      .waitFor();
  });

  it("one tap on a message's actions button opens its menu (the first tap, before anything was mounted)", async () => {
    await page.getByRole('textbox', { name: 'Edit message' }).waitFor({ state: 'detached' });
    await send(page, `Tap my actions ${id}`);
    const message = page.getByTestId('message').filter({ hasText: `Tap my actions ${id}` });
    await message.waitFor();
    await message.getByRole('button', { name: 'Message actions' }).tap();
    const reply = page.getByRole('menuitem', { name: 'Reply' });
    await reply.waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await reply.waitFor({ state: 'hidden' });
  });

  it('the navigation drawer fits the screen and Escape closes it', async () => {
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const nav = page.getByRole('navigation', { name: 'Topics' });
    await nav.waitFor();
    await page.waitForTimeout(400); // slides in
    await shot(page, 'phone-drawer');
    const dialog = page.getByRole('dialog', { name: 'Navigation' });
    const widths = await dialog.evaluate((el) => ({
      dialog: el.getBoundingClientRect().right,
      content: Math.max(...[...el.querySelectorAll('*')].map((c) => c.getBoundingClientRect().right)),
      viewport: window.innerWidth,
    }));
    expect(widths.dialog).toBeLessThanOrEqual(widths.viewport);
    expect(widths.content).toBeLessThanOrEqual(widths.dialog + 1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);
  });
});
