import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_URL, devSignIn, emulateSlowMachine, launch, send, shot, unique } from './harness';

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      label: el?.getAttribute('aria-label') ?? '',
      testid: el?.dataset.testid ?? '',
      tag: el?.tagName,
    };
  });

// Keyboard use (issue 13.6): skip link, Up arrow to edit, the message list's roving focus and the message
// menu from the keyboard, Escape everywhere, Ctrl/Cmd+K; plus drafts and the counter (13.9).
describe('with the keyboard', () => {
  let browser: Browser;
  let page: Page;
  const id = unique();

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: APP_URL });
    page = await context.newPage();
    await emulateSlowMachine(context, page);
    await page.goto('/');
    await devSignIn(page, `keys${id}`);
    for (const name of [`Alpha ${id}`, `Beta ${id}`]) {
      await page.getByRole('button', { name: 'Create a party' }).first().click();
      await page.getByLabel('Party name').fill(name);
      const before = page.url();
      await page.getByRole('button', { name: 'Create party' }).click();
      await page.waitForURL((url) => url.href !== before && url.pathname.includes('/topics/'));
    }
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await send(page, `First words ${id}`);
    await page.getByTestId('message').filter({ hasText: id }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the first Tab reaches a skip link that jumps to the composer', async () => {
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(
      page
        .getByRole('link', { name: 'Skip to message composer' })
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await shot(page, 'keyboard-skip-link');
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ label: 'Message', tag: 'TEXTAREA' });
  });

  it('Up arrow in the empty composer edits my last message', async () => {
    await page.keyboard.press('ArrowUp');
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    await editor.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Edit message' });
    await editor.fill(`First words, edited ${id}`);
    await editor.press('Enter');
    await page
      .getByTestId('message')
      .filter({ hasText: `First words, edited ${id}` })
      .waitFor();
  });

  it('the message menu opens from the keyboard, and Escape closes it', async () => {
    const actions = page.getByTestId('message').first().getByRole('button', { name: 'Message actions' });
    await actions.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Copy text' }).waitFor();
    await page.getByRole('menuitem', { name: 'View edit history' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menuitem', { name: 'Copy text' }).isVisible()).toBe(false);
  });

  it('the message list is one tab stop: arrows move between messages, Enter opens the menu, Escape goes back', async () => {
    for (const word of ['Second', 'Third']) {
      await send(page, `${word} words ${id}`);
      await page
        .getByTestId('message')
        .filter({ hasText: `${word} words ${id}` })
        .waitFor();
    }
    await page.getByTestId('pending-message').waitFor({ state: 'detached' });
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.focus();
    // One Shift+Tab from the composer: onto a message, not onto a row's buttons. The list remembers
    // its message: the first one, whose menu the case before opened.
    await page.keyboard.press('Shift+Tab');
    const seqOf = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seq);
    await expect.poll(seqOf).toBe('1');
    await page.keyboard.press('ArrowDown');
    await expect.poll(seqOf).toBe('2');
    await page.keyboard.press('End');
    await expect.poll(seqOf).toBe('3');
    await page.keyboard.press('Home');
    await expect.poll(seqOf).toBe('1');
    await page.keyboard.press('End');
    await expect.poll(seqOf).toBe('3');
    await page.keyboard.press('ArrowUp');
    await expect.poll(seqOf).toBe('2');
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Copy text' }).waitFor();
    await shot(page, 'keyboard-row-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menuitem', { name: 'Copy text' }).isVisible()).toBe(false);
    // The menu gives the focus back to its message; Shift+F10 opens it again.
    await expect.poll(seqOf).toBe('2');
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: 'Copy text' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(seqOf).toBe('2');
    // Escape pressed before the menu has taken the focus (a fast hand, or a busy machine): the menu closes,
    // the focus stays on its message (not sent on to the composer).
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+F10');
      await page.keyboard.press('Escape');
    }
    await expect.poll(() => page.getByRole('menuitem', { name: 'Copy text' }).isVisible()).toBe(false);
    await expect.poll(seqOf).toBe('2');
    // ... and no menu list is left shown (transparent, over the messages, taking their clicks, read out).
    await expect.poll(() => page.locator('.chakra-menu__menu-list:visible').count()).toBe(0);
    // Tab leaves the list at once; Escape from a message goes back to the composer.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.getByTestId('message-list').evaluate((el) => el.contains(document.activeElement)))
      .toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(seqOf).toBe('2');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Message', tag: 'TEXTAREA' });
  });

  it('Ctrl+K opens the quick switcher: type to filter, arrows to choose, Enter to go', async () => {
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('quick-switcher-input');
    await input.waitFor();
    await input.fill(`alpha ${id}`);
    await page.getByTestId('quick-switcher-option').first().waitFor();
    await shot(page, 'keyboard-quick-switcher');
    const options = await page.getByTestId('quick-switcher-option').allTextContents();
    expect(options.every((o) => o.toLowerCase().includes('alpha'))).toBe(true);
    await page.keyboard.press('ArrowDown'); // from the party to its #general
    await expect(page.getByRole('option', { selected: true }).textContent()).resolves.toContain('general');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('topic-title').textContent()).toBe('general');
    await expect
      .poll(() => page.getByRole('link', { name: `Alpha ${id}` }).getAttribute('aria-current'))
      .toBe('page');
    await page.keyboard.press('Control+k');
    await input.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => input.count()).toBe(0);
  });

  it('Escape closes the search drawer and the members drawer', async () => {
    await page.getByTestId('open-search').click();
    await page.getByTestId('search-input').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('search-input').count()).toBe(0);
  });

  it('a draft stays with its topic across a topic switch and a reload', async () => {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill(`Half a thought ${id}`);
    await page.getByRole('link', { name: `Beta ${id}` }).click();
    await expect.poll(() => box.inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => box.inputValue()).toBe(`Half a thought ${id}`);
    await page.reload();
    await expect.poll(() => box.inputValue()).toBe(`Half a thought ${id}`);
  });

  it('a counter appears near the limit and says how far over it is', async () => {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('x'.repeat(3600));
    await expect(page.getByTestId('composer-counter').textContent()).resolves.toBe('400 characters left');
    await box.fill('x'.repeat(4010));
    await expect(page.getByTestId('composer-counter').textContent()).resolves.toBe('10 characters too long');
    await expect(page.getByRole('button', { name: 'Send message' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'keyboard-counter');
    await box.fill('');
  });
});
