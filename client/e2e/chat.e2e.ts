import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  APP_URL,
  devSignIn,
  launch,
  messageList,
  openUser,
  send,
  shot,
  unique,
  type Watched,
} from './harness';

// Two people in two browser contexts, against the app of `make up`. The steps build on each other.
describe('two people chatting in a party', () => {
  let browser: Browser;
  let alice: Watched;
  let bob: Watched;
  const id = unique();
  const aliceName = `alice${id}`;
  const bobName = `bob${id}`;
  const partyName = `Game night ${id}`;
  let inviteLink = '';

  beforeAll(async () => {
    const ok = await fetch(`${APP_URL}/api/auth/providers`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok) throw new Error(`The app is not answering at ${APP_URL}: start it with \`make up\``);
    browser = await launch();
    alice = await openUser(browser);
    bob = await openUser(browser);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    await shot(alice.page, `${name}-alice`).catch(() => undefined);
    await shot(bob.page, `${name}-bob`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('Alice signs in with dev sign-in and sees the empty state', async () => {
    const { page } = alice;
    await page.goto('/');
    await page.waitForURL('**/signin');
    await shot(page, '01-sign-in');
    await devSignIn(page, aliceName);
    await page.getByTestId('empty-state').waitFor();
    await shot(page, '02-empty-state');
  });

  it('Alice creates a party and lands in its first topic', async () => {
    const { page } = alice;
    await page.getByRole('button', { name: 'Create a party' }).first().click();
    await page.getByLabel('Party name').fill(partyName);
    await page.getByRole('button', { name: 'Create party' }).click();
    await page.waitForURL(/\/parties\/[^/]+\/topics\/[^/]+$/);
    await expect(page.getByTestId('topic-title').textContent()).resolves.toBe('general');
  });

  it('Alice creates an invite link', async () => {
    const { page } = alice;
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invite people' }).click();
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const field = page.getByTestId('invite-link');
    await field.waitFor();
    inviteLink = await field.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${APP_URL.replace(/[.:/]/g, '\\$&')}/invite/.+`));
    await shot(page, '03-invite-modal');
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('Bob opens the link signed out, signs in, previews the party and joins', async () => {
    const { page } = bob;
    await page.goto(inviteLink);
    // Signed out, the invite page itself greets him (with the party's name once the service previews
    // invites before sign-in), and sends him to sign in and back.
    await page.getByTestId('invite-card').getByRole('heading').first().waitFor();
    await shot(page, '04a-invite-signed-out');
    await page.getByRole('link', { name: /^Sign in to/ }).click();
    await page.waitForURL(/\/signin\?returnTo=/);
    await devSignIn(page, bobName);
    await page.waitForURL(/\/invite\//);
    await expect(page.getByTestId('invite-party-name').textContent()).resolves.toBe(partyName);
    await page.getByText('1 member').waitFor();
    await shot(page, '04-invite-preview');
    await page.getByRole('button', { name: `Join ${partyName}` }).click();
    await page.waitForURL(/\/parties\/[^/]+\/topics\/[^/]+$/);
  });

  it('each sees the other online in the member list', async () => {
    await alice.page.getByTestId('members-online').getByText(bobName).waitFor({ timeout: 15_000 });
    await bob.page.getByTestId('members-online').getByText(aliceName).waitFor({ timeout: 15_000 });
  });

  it('typing shows live on the other side', async () => {
    await alice.page.getByRole('textbox', { name: 'Message' }).pressSequentially('hel', { delay: 30 });
    await bob.page
      .getByTestId('typing-indicator')
      .getByText(new RegExp(`${aliceName} is typing`))
      .waitFor({ timeout: 10_000 });
    await shot(bob.page, '05-typing');
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('');
  });

  it('both chat and see each other’s messages live', async () => {
    await send(alice.page, `Hello from Alice ${id}`);
    await messageList(bob.page).getByText(`Hello from Alice ${id}`).waitFor();
    await send(bob.page, `Hi Alice, Bob here ${id}`);
    await messageList(alice.page).getByText(`Hi Alice, Bob here ${id}`).waitFor();
    // My own message is confirmed (not left pending).
    await alice.page.getByTestId('pending-message').waitFor({ state: 'detached' });
    await shot(alice.page, '06-chat-alice');
    await shot(bob.page, '07-chat-bob');
  });

  it('Bob goes offline, misses messages, comes back and sees them without a reload', async () => {
    const { page, context } = bob;
    bob.offline = true;
    await context.setOffline(true);
    await page.evaluate(() =>
      (window as unknown as { __partyline: { dropConnection: () => void } }).__partyline.dropConnection(),
    );
    await page.getByTestId('reconnecting-banner').waitFor({ timeout: 15_000 });

    const missed = [
      `While you were away 1 ${id}`,
      `While you were away 2 ${id}`,
      `While you were away 3 ${id}`,
    ];
    for (const text of missed) await send(alice.page, text);
    await messageList(alice.page).getByText(missed[2]!).waitFor();
    await page.waitForTimeout(1_000);
    expect(await messageList(page).getByText(missed[0]!).count()).toBe(0);
    await shot(page, '08-offline');

    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    await context.setOffline(false);
    await page.getByTestId('reconnecting-banner').waitFor({ state: 'detached', timeout: 30_000 });
    // Chromium reports the attempts that failed while offline a little late; let them land first.
    await page.waitForTimeout(500);
    bob.offline = false;
    for (const text of missed) await messageList(page).getByText(text).waitFor({ timeout: 15_000 });
    expect(navigations).toEqual([]);
    // In order, after the earlier conversation.
    const bodies = await messageList(page).getByTestId('message-body').allTextContents();
    const at = (t: string) => bodies.findIndex((b) => b.includes(t));
    expect(at(missed[0]!)).toBeGreaterThan(at(`Hi Alice, Bob here ${id}`));
    expect(at(missed[1]!)).toBeGreaterThan(at(missed[0]!));
    expect(at(missed[2]!)).toBeGreaterThan(at(missed[1]!));
    await shot(page, '09-back-online');
  });

  it('a hostile message is shown as inert text', async () => {
    const hostile = `<img src=x onerror=alert(1)> javascript:alert(2) <a href="javascript:alert(3)">x</a> https://example.com/ok ${id}`;
    await send(alice.page, hostile);
    const received = messageList(bob.page)
      .getByTestId('message-body')
      .filter({ hasText: `https://example.com/ok ${id}` });
    await received.waitFor();
    await bob.page.waitForTimeout(500);

    for (const { page } of [alice, bob]) {
      const body = messageList(page)
        .getByTestId('message-body')
        .filter({ hasText: `https://example.com/ok ${id}` });
      expect(await body.locator('img').count()).toBe(0);
      expect(await body.locator('script').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      const links = body.locator('a');
      expect(await links.count()).toBe(1);
      expect(await links.first().getAttribute('href')).toBe('https://example.com/ok');
      expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');
      expect(await body.textContent()).toContain('<img src=x onerror=alert(1)>');
    }
    expect([...alice.dialogs, ...bob.dialogs].filter((d) => d.startsWith('alert'))).toEqual([]);
    await shot(bob.page, '10-hostile-message');
  });

  it('unread badges count messages in a topic Bob is not looking at', async () => {
    // Alice opens a second topic and writes there; Bob, still in #general, sees the count.
    await alice.page.getByRole('button', { name: 'Create topic' }).click();
    await alice.page.getByLabel('Topic name').fill('planning');
    await alice.page.getByRole('button', { name: 'Create topic' }).last().click();
    await alice.page.waitForURL(/\/topics\//);
    await expect
      .poll(() => alice.page.getByTestId('topic-title').textContent(), { timeout: 10_000 })
      .toBe('planning');
    await send(alice.page, `Agenda ${id}`);
    await send(alice.page, `More agenda ${id}`);
    const badge = bob.page
      .getByTestId('topic-link')
      .filter({ hasText: 'planning' })
      .getByTestId('topic-unread-badge');
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('2');
    await shot(bob.page, '11-unread-badge');
    await bob.page.getByTestId('topic-link').filter({ hasText: 'planning' }).click();
    await messageList(bob.page).getByText(`Agenda ${id}`, { exact: true }).waitFor();
    await bob.page.getByTestId('new-messages-divider').waitFor();
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(0);
  });

  it('Alice edits and deletes her message; Bob sees both', async () => {
    const { page } = alice;
    const item = messageList(page)
      .getByTestId('message')
      .filter({ hasText: `More agenda ${id}` });
    await item.hover();
    await item.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit message' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    await editor.fill(`Edited agenda ${id}`);
    await editor.press('Enter');
    await messageList(bob.page).getByText(`Edited agenda ${id}`).waitFor();
    await messageList(bob.page).getByText('(edited)').first().waitFor();

    const first = messageList(page)
      .getByTestId('message')
      .filter({ hasText: `Agenda ${id}` })
      .first();
    await first.hover();
    await first.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete message' }).click();
    // Our own styled dialog asks first, not the browser's window.confirm.
    const dialog = page.getByRole('alertdialog', { name: 'Delete message' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await messageList(bob.page).getByText('This message was deleted.').waitFor();
  });

  it('works at phone width with a drawer for the sidebar', async () => {
    const { page } = bob;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await shot(page, '12-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Topics' }).waitFor();
    await page.waitForTimeout(500); // the drawer slides in
    await shot(page, '13-phone-drawer');
    await page.getByTestId('topic-link').filter({ hasText: 'general' }).click();
    await expect
      .poll(() => page.getByTestId('topic-title').textContent(), { timeout: 10_000 })
      .toBe('general');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('dark mode', async () => {
    const { page } = alice;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /Dark mode|Light mode/ }).click();
    await page.waitForTimeout(300);
    await shot(page, '14-dark-mode');
  });

  it('an invalid invite link says so plainly', async () => {
    const { page } = bob;
    await page.goto(`/invite/not-a-real-code-${id}`);
    await page.getByRole('heading', { name: 'This invite link doesn’t work' }).waitFor();
    await shot(page, '15-invalid-invite');
  });

  it('signing out ends the session, and a reload does not bring it back', async () => {
    const { page } = bob;
    await page.goto('/');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/signin/);
    await page.reload();
    await page.getByLabel('Username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
  });

  it('signing out everywhere ends every session of the user', async () => {
    // A second browser for Alice, signed in as her too; signing out everywhere in one ends both.
    const second = await openUser(browser);
    await second.page.goto('/');
    await devSignIn(second.page, aliceName);
    await second.page.getByTestId('party-link').first().waitFor();
    await alice.page.getByTestId('user-menu').click();
    await alice.page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    await alice.page.waitForURL(/\/signin/);
    await second.page.reload();
    await second.page.getByLabel('Username').waitFor();
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  it('no console errors and no browser dialogs (confirms are our own styled dialogs)', () => {
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
    expect([...alice.dialogs, ...bob.dialogs]).toEqual([]);
  });
});
