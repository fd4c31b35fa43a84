import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { devSignIn, launch, messageList, openUser, send, shot, unique, type Watched } from './harness';

// Issue 14 as two people see it: markdown, a reply that jumps to its original, a reaction live on the
// other screen and taken back. Alice is on a desktop, Bob on a phone; the steps build on each other.
describe('a conversation: markdown, replies and reactions', () => {
  let browser: Browser;
  let alice: Watched;
  let bob: Watched;
  const id = unique();
  const original = `**Plan** for saturday ${id}: bring \`snacks\``;

  const messageWith = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });
  const openActions = async (page: Page, text: string) => {
    const item = messageWith(page, text);
    await item.hover();
    await item.getByRole('button', { name: 'Message actions' }).click();
  };

  beforeAll(async () => {
    browser = await launch();
    alice = await openUser(browser, { width: 1440, height: 900 });
    bob = await openUser(browser, { width: 390, height: 844 });
    await alice.page.goto('/');
    await devSignIn(alice.page, `alice${id}`);
    await alice.page.getByRole('button', { name: 'Create a party' }).first().click();
    await alice.page.getByLabel('Party name').fill(`Talk ${id}`);
    await alice.page.getByRole('button', { name: 'Create party' }).click();
    await alice.page.waitForURL(/\/topics\//);
    await alice.page.getByTestId('party-menu').click();
    await alice.page.getByRole('menuitem', { name: 'Invite people' }).click();
    await alice.page.getByRole('button', { name: 'Create invite link' }).click();
    const link = await alice.page.getByLabel('Share this link').inputValue();
    await alice.page.getByRole('button', { name: 'Done' }).click();
    await bob.page.goto(link);
    await bob.page.getByRole('link', { name: /^Sign in to join/ }).click();
    await devSignIn(bob.page, `bob${id}`);
    await bob.page.getByRole('button', { name: /^Join / }).click();
    await bob.page.waitForURL(/\/topics\//);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-conversation-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    await shot(alice.page, `${name}-alice`).catch(() => undefined);
    await shot(bob.page, `${name}-bob`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('markdown is rendered as formatting on both screens, never as markup', async () => {
    await send(alice.page, original);
    for (const { page } of [alice, bob]) {
      const item = messageWith(page, `for saturday ${id}`);
      await expect.poll(() => item.locator('strong').textContent()).toBe('Plan');
      await expect(item.locator('code').textContent()).resolves.toBe('snacks');
      await expect(item.textContent()).resolves.not.toContain('**');
    }
  });

  it('Bob replies from the message menu; both see the quote, and clicking it goes to the original', async () => {
    const { page } = bob;
    await openActions(page, `for saturday ${id}`);
    await page.getByRole('menuitem', { name: 'Reply' }).click();
    await expect(page.getByTestId('reply-bar').textContent()).resolves.toContain(`alice${id}`);
    await send(page, `count me in ${id}`);
    await expect.poll(() => page.getByTestId('reply-bar').count()).toBe(0);

    const quote = messageWith(alice.page, `count me in ${id}`).getByTestId('reply-quote');
    await quote.waitFor();
    // The quote shows the original's first line formatted, not its source.
    await expect(quote.locator('strong').textContent()).resolves.toBe('Plan');
    await expect(quote.textContent()).resolves.not.toContain('**');
    await shot(bob.page, 'conversation-reply-390');
    await quote.click();
    await messageList(alice.page)
      .locator('[data-highlighted] [data-testid="message"][data-seq="1"]')
      .waitFor();
  });

  it('Alice reacts from the menu with the picker (typed search, Enter); Bob sees it live and adds his', async () => {
    const { page } = alice;
    await openActions(page, `count me in ${id}`);
    await page.getByRole('menuitem', { name: 'Add reaction' }).click();
    await page.locator('[data-testid="emoji-picker"]:visible').waitFor();
    // The picker's search takes the focus once it is in (a lazy chunk and its data: late on a slow link or
    // a loaded machine); typing goes there, Enter takes the first match.
    await expect
      .poll(
        // emoji-mart's search field is inside the picker element's shadow root.
        () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName ?? null),
        { timeout: 10_000 },
      )
      .toBe('INPUT');
    await page.keyboard.type('thumbsup');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const mine = messageWith(page, `count me in ${id}`).getByTestId('reaction');
    await expect.poll(() => mine.getAttribute('data-emoji')).toBe('👍');
    await expect(mine.getAttribute('aria-pressed')).resolves.toBe('true');

    const bobs = messageWith(bob.page, `count me in ${id}`).getByTestId('reaction');
    await expect.poll(() => bobs.getAttribute('aria-label')).toMatch(/^👍 1: /);
    await expect(bobs.getAttribute('aria-pressed')).resolves.toBe('false');
    await bobs.click();
    await expect.poll(() => mine.getAttribute('aria-label')).toMatch(/^👍 2: /);
    await shot(alice.page, 'conversation-reactions-1440');
  });

  it('Alice takes hers back: the count drops on both screens, and after a reload it stays so', async () => {
    const mine = messageWith(alice.page, `count me in ${id}`).getByTestId('reaction');
    await mine.click();
    await expect.poll(() => mine.getAttribute('aria-pressed')).toBe('false');
    const bobs = messageWith(bob.page, `count me in ${id}`).getByTestId('reaction');
    await expect.poll(() => bobs.getAttribute('aria-label')).toMatch(/^👍 1: /);
    await alice.page.reload();
    const again = messageWith(alice.page, `count me in ${id}`).getByTestId('reaction');
    await expect.poll(() => again.getAttribute('aria-label')).toMatch(/^👍 1: /);
    await expect(again.getAttribute('aria-pressed')).resolves.toBe('false');
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
