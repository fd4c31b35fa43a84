import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { devSignIn, launch, messageList, openUser, send, shot, unique, type Watched } from './harness';

// What the API can do, the UI can do (issue 13.8): search, edit history, bans, the invite list.
describe('party management and search', () => {
  let browser: Browser;
  let owner: Watched;
  let guest: Watched;
  const id = unique();
  const guestName = `guest${id}`;

  beforeAll(async () => {
    browser = await launch();
    owner = await openUser(browser, { width: 1440, height: 900 });
    guest = await openUser(browser, { width: 1440, height: 900 });
    const { page } = owner;
    await page.goto('/');
    await devSignIn(page, `owner${id}`);
    await page.getByRole('button', { name: 'Create a party' }).first().click();
    await page.getByLabel('Party name').fill(`Managed ${id}`);
    await page.getByRole('button', { name: 'Create party' }).click();
    await page.waitForURL(/\/topics\//);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('search finds a message, highlights the term, and opens its topic at the message', async () => {
    const { page } = owner;
    await send(page, `The pizza order for friday ${id}`);
    await send(page, 'Nothing to see here');
    await page.getByTestId('message').nth(1).waitFor();
    await page.getByTestId('open-search').click();
    await page.getByTestId('search-input').fill('pizza');
    const result = page.getByTestId('search-result').first();
    await result.waitFor();
    await expect(result.locator('mark').first().textContent()).resolves.toBe('pizza');
    await expect(result.textContent()).resolves.toContain('#general');
    await shot(page, 'features-search');
    await result.click();
    // The pane takes the jump and the address goes back to the topic's; the message is highlighted.
    await page.waitForURL(/\/topics\/[^/?]+$/);
    await messageList(page).locator('[data-highlighted] [data-testid="message"][data-seq="1"]').waitFor();
  });

  it('an edited message shows its edit history', async () => {
    const { page } = owner;
    const item = page.getByTestId('message').filter({ hasText: 'Nothing to see here' });
    await item.hover();
    await item.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit message' }).click();
    await page.getByRole('textbox', { name: 'Edit message' }).fill('Something to see here');
    await page.getByRole('textbox', { name: 'Edit message' }).press('Enter');
    await page.getByRole('button', { name: 'Edited: show the edit history' }).click();
    const history = page.getByTestId('edit-history');
    await history.getByText('Nothing to see here').waitFor();
    await expect(history.textContent()).resolves.toContain('Something to see here');
    await shot(page, 'features-edit-history');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('the invite list shows uses, expiry and creator, and revokes', async () => {
    const { page } = owner;
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invite people' }).click();
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = await page.getByLabel('Share this link').inputValue();
    await page.getByRole('button', { name: 'Create another link' }).click();
    await page.getByRole('button', { name: 'Done' }).click();

    // The guest joins with the first link: one use. Signed out, the page already names the party.
    await guest.page.goto(link);
    await expect.poll(() => guest.page.getByTestId('invite-party-name').textContent()).toBe(`Managed ${id}`);
    await guest.page.getByText(/^\d+ members?$/).waitFor();
    await shot(guest.page, 'features-invite-signed-out');
    await guest.page.getByRole('link', { name: `Sign in to join Managed ${id}` }).click();
    await devSignIn(guest.page, guestName);
    await guest.page.getByRole('button', { name: /^Join / }).click();
    await guest.page.waitForURL(/\/topics\//);

    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invites and bans' }).click();
    const rows = page.getByTestId('invite-row');
    await expect.poll(() => rows.count()).toBe(2);
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes('1 uses'))).toBe(true);
    expect(texts.every((t) => t.includes(`by owner${id}`) && t.includes('expires'))).toBe(true);
    await rows
      .first()
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await page
      .getByRole('alertdialog', { name: 'Revoke invite' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await rows.first().getByText('revoked').waitFor();
    await shot(page, 'features-invites');
    // Escape while the confirm dialog is still closing goes to it, and the invites modal would stay open
    // (hiding the page from the next test's role queries): wait for it to go, then close the modal.
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('a member is banned with a reason, listed, and unbanned', async () => {
    const { page } = owner;
    const row = page.getByTestId('member').filter({ hasText: guestName });
    await row.waitFor();
    await row.getByRole('button', { name: `Manage ${guestName}` }).click();
    await page.getByRole('menuitem', { name: 'Ban from party' }).click();
    await page.getByLabel('Reason (optional)').fill(`Spam ${id}`);
    await page.getByRole('button', { name: 'Ban', exact: true }).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);

    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invites and bans' }).click();
    await page.getByRole('tab', { name: 'Bans' }).click();
    const ban = page.getByTestId('ban-row').filter({ hasText: guestName });
    await ban.getByText(`Reason: Spam ${id}`).waitFor();
    await shot(page, 'features-bans');
    await ban.getByRole('button', { name: 'Unban' }).click();
    await page.getByRole('alertdialog', { name: 'Lift ban' }).getByRole('button', { name: 'Unban' }).click();
    await expect.poll(() => ban.count(), { timeout: 10_000 }).toBe(0);
    expect(owner.errors).toEqual([]);
    expect(owner.dialogs).toEqual([]);
  });
});
