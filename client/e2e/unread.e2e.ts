import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { devSignIn, launch, messageList, openUser, shot, unique, type Watched } from './harness';
import { createParty, join, markRead, postMany, signInApi, unreadOf, type ApiUser } from './rest';

/** The seq of each message row that is at least half inside the list's visible box. */
const seqsInView = (page: Page) =>
  messageList(page).evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll<HTMLElement>('[data-testid="message"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const shown = Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top);
        return shown >= r.height / 2;
      })
      .map((el) => Number(el.dataset.seq));
  });

const dividerInView = (page: Page) =>
  messageList(page).evaluate((list) => {
    const d = list.querySelector('[data-testid="new-messages-divider"]');
    if (!d) return false;
    const box = list.getBoundingClientRect();
    const r = d.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  });

// A long unread backlog: 70 messages arrive while Dana is away (more than a page of 50).
describe('unread that never lies', () => {
  let browser: Browser;
  let dana: Watched;
  let owner: ApiUser;
  let danaApi: ApiUser;
  let helper: ApiUser;
  let topicId: string;
  let partyId: string;
  const id = unique();
  const BEFORE_JOIN = 12;
  const READ = 5;
  const BACKLOG = 70;

  beforeAll(async () => {
    browser = await launch();
    owner = await signInApi(`owner${id}`);
    helper = await signInApi(`helper${id}`);
    danaApi = await signInApi(`dana${id}`);
    ({ partyId, topicId } = await createParty(owner, `Unread ${id}`));
    await join(owner, partyId, [helper]);
    await postMany([owner, helper], topicId, BEFORE_JOIN, 'Before Dana joined');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('a new member has no unread for the history from before they joined', async () => {
    await join(owner, partyId, [danaApi]);
    const entry = await unreadOf(danaApi, topicId);
    // Needs the server to start a new member's read position at the topic's last seq (see the report).
    expect(entry?.unread).toBe(0);
  });

  it('opens at the first unread with the line right before it, and reads only what was on screen', async () => {
    const base = (await unreadOf(danaApi, topicId))!.lastSeq;
    await markRead(danaApi, topicId, base);
    await postMany([owner, helper], topicId, READ, 'Read before');
    await markRead(danaApi, topicId, base + READ);
    await postMany([owner, helper], topicId, BACKLOG, 'Backlog');
    const firstUnread = base + READ + 1;
    const lastSeq = base + READ + BACKLOG;

    dana = await openUser(browser, { width: 1440, height: 900 });
    const { page } = dana;
    await page.goto('/');
    await devSignIn(page, `dana${id}`);
    await page.goto(`/parties/${partyId}/topics/${topicId}`);
    const divider = page.getByTestId('new-messages-divider');
    await divider.waitFor();
    await page.waitForTimeout(500);

    // The divider is on screen and the first message after it is the first unread one.
    expect(await dividerInView(page)).toBe(true);
    const next = await divider.evaluate((d) => d.parentElement?.querySelector('[data-testid="message"]'));
    expect(next).not.toBeNull();
    const afterLine = await divider.evaluate(
      (d) => (d.parentElement?.querySelector('[data-testid="message"]') as HTMLElement).dataset.seq,
    );
    expect(Number(afterLine)).toBe(firstUnread);
    const inView = await seqsInView(page);
    expect(inView).toContain(firstUnread);
    expect(inView).not.toContain(lastSeq);
    await shot(page, 'unread-opened-1440-light');

    // Three seconds on: the read position has moved only as far as what was on screen.
    await page.waitForTimeout(3_000);
    const read = (await unreadOf(danaApi, topicId))!;
    expect(read.lastReadSeq).toBeGreaterThanOrEqual(firstUnread);
    expect(read.lastReadSeq).toBeLessThanOrEqual(Math.max(...(await seqsInView(page))));
    expect(read.lastReadSeq).toBeLessThan(lastSeq);

    // Jump to present (a page that does not hold the line), then back in one click.
    await page.getByRole('button', { name: 'Jump to present' }).click();
    await messageList(page).locator(`[data-seq="${lastSeq}"]`).waitFor();
    // At the end, everything is read.
    await expect
      .poll(async () => (await unreadOf(danaApi, topicId))!.lastReadSeq, { timeout: 5_000 })
      .toBe(lastSeq);
    await page.getByRole('button', { name: 'Jump to present' }).waitFor({ state: 'detached', timeout: 3000 });
    const jump = page.getByRole('button', { name: 'Jump to first unread' });
    await jump.waitFor();
    await shot(page, 'unread-jump-button-1440-light');
    await jump.click();
    await divider.waitFor();
    await page.waitForTimeout(500);
    expect(await dividerInView(page)).toBe(true);
    expect(await seqsInView(page)).toContain(firstUnread);
    await jump.waitFor({ state: 'detached', timeout: 3_000 });
    expect(dana.errors).toEqual([]);
  }, 180_000);

  it('on a phone, in dark mode, the topic opens at the first unread too', async () => {
    // The desktop tab would read them as they arrive.
    await dana.context.close();
    const base = (await unreadOf(danaApi, topicId))!.lastSeq;
    await postMany([owner, helper], topicId, 60, 'Phone backlog');
    const phone = await openUser(browser, { width: 390, height: 844 });
    const { page } = phone;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await devSignIn(page, `dana${id}`);
    await page.evaluate(() => localStorage.setItem('chakra-ui-color-mode', 'dark'));
    await page.goto(`/parties/${partyId}/topics/${topicId}`);
    await page.getByTestId('new-messages-divider').waitFor();
    await page.waitForTimeout(500);
    expect(await dividerInView(page)).toBe(true);
    expect(await seqsInView(page)).toContain(base + 1);
    await shot(page, 'unread-opened-390-dark');
    expect(phone.errors).toEqual([]);
  }, 120_000);
});
