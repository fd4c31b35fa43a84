import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { devSignIn, launch, messageList, openUser, send, shot, unique, type Watched } from './harness';

// Infinite scroll upward through history: more than one page (50) of messages, then a fresh load.
describe('reading history', () => {
  let browser: Browser;
  let carol: Watched;
  const id = unique();
  const TOTAL = 56;

  beforeAll(async () => {
    browser = await launch();
    carol = await openUser(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`after ${TOTAL} messages and a reload, the newest page shows and scrolling up loads the rest`, async () => {
    const { page } = carol;
    await page.goto('/');
    await devSignIn(page, `carol${id}`);
    await page.getByRole('button', { name: 'Create a party' }).first().click();
    await page.getByLabel('Party name').fill(`History ${id}`);
    await page.getByRole('button', { name: 'Create party' }).click();
    await page.waitForURL(/\/topics\//);

    // Paced under the server's send limit (20 per 10 s per user).
    for (let i = 1; i <= TOTAL; i += 1) {
      await send(page, i === 3 ? `Line 3 of ${id}, the needle${id}` : `Line ${i} of ${id}`);
      await page.waitForTimeout(560);
    }
    await messageList(page).getByText(`Line ${TOTAL} of ${id}`, { exact: true }).waitFor();
    await page.getByTestId('pending-message').waitFor({ state: 'detached', timeout: 15_000 });

    await page.reload();
    const list = messageList(page);
    await list.getByText(`Line ${TOTAL} of ${id}`, { exact: true }).waitFor();
    // The list is virtualized: only rows near the view exist in the page, never the whole history.
    expect(await list.getByTestId('message').count()).toBeLessThan(TOTAL);
    expect(await list.getByText(`Line 1 of ${id}`, { exact: true }).count()).toBe(0);

    // Scroll up until the topic's beginning: older pages load as the top comes near.
    for (let i = 0; i < 30; i += 1) {
      if ((await page.getByRole('heading', { name: 'Welcome to #general' }).count()) > 0) break;
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      await page.waitForTimeout(300);
    }
    await page.getByRole('heading', { name: 'Welcome to #general' }).waitFor();
    // The topic's first rows come in with the last page; once the top is reached they are drawn at the
    // top of the scroller (scrolled to again, as a reader would, if a re-measure moved them off it).
    const first = list.getByText(`Line 1 of ${id}`, { exact: true });
    for (let i = 0; i < 20 && !(await first.isVisible()); i += 1) {
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      await page.waitForTimeout(500);
    }
    await first.waitFor();
    const seqs = await list
      .getByTestId('message')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(seqs[0]).toBe(1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    await shot(page, '16-history-loaded');
    expect(carol.errors).toEqual([]);
  }, 150_000);

  it('a search result far back in history opens the topic there (not loaded before), and "Jump to present" comes back', async () => {
    const { page } = carol;
    await page.reload();
    const list = messageList(page);
    await list.getByText(`Line ${TOTAL} of ${id}`, { exact: true }).waitFor();
    // Message 3 is before the newest page: not in the page until the jump loads history around it.
    expect(await list.locator('[data-testid="message"][data-seq="3"]').count()).toBe(0);
    await page.getByTestId('open-search').click();
    await page.getByTestId('search-input').fill(`needle${id}`);
    const result = page.getByTestId('search-result').first();
    await result.waitFor();
    await result.click();
    await page.waitForURL(/\/topics\/[^/?]+$/);
    const target = list.locator('[data-highlighted] [data-testid="message"][data-seq="3"]');
    await target.waitFor();
    await expect.poll(() => target.isVisible()).toBe(true);
    // The window around it does not reach the present, so the newest message is not in the page.
    expect(await list.getByText(`Line ${TOTAL} of ${id}`, { exact: true }).count()).toBe(0);
    await shot(page, '16b-history-jump-far-back');
    await page.getByRole('button', { name: 'Jump to present' }).click();
    await list.getByText(`Line ${TOTAL} of ${id}`, { exact: true }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Jump to present' }).count()).toBe(0);
    expect(carol.errors).toEqual([]);
  }, 60_000);
});
