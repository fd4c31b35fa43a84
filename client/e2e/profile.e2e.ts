import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { devSignIn, launch, openUser, send, shot, unique, type Watched } from './harness';

// Issue 15.2 as people see it: Alice changes her avatar and name from the account menu; Bob's open screen
// shows both at once on her messages and in the member list, as does Alice's own phone; the profile card
// opens from an author and from a member, with a Message button. Light and dark, desktop and phone.
describe('profiles: a new avatar and name, live on every screen', () => {
  let browser: Browser;
  let alice: Watched;
  let alicePhone: Watched;
  let bob: Watched;
  const id = unique();
  const newName = `Ada Lovelace ${id}`;

  const messageWith = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });

  /** A 160×160 PNG drawn in the page (a gradient and a head), as the bytes of a file the user picks. */
  const pictureFrom = async (page: Page) => {
    const dataUrl = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 160;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d context');
      const fill = g.createLinearGradient(0, 0, 160, 160);
      fill.addColorStop(0, '#f6ad55');
      fill.addColorStop(1, '#d53f8c');
      g.fillStyle = fill;
      g.fillRect(0, 0, 160, 160);
      g.fillStyle = '#ffffff';
      g.beginPath();
      g.arc(80, 64, 30, 0, Math.PI * 2);
      g.fill();
      g.fillRect(35, 104, 90, 56);
      return canvas.toDataURL('image/png');
    });
    return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
  };

  /** Whether an <img> inside `scope` shows an avatar served by the app (loaded, through the redirect). */
  const avatarLoaded = (page: Page, selector: string) =>
    page.evaluate((sel) => {
      const img = document.querySelector<HTMLImageElement>(sel);
      return !!img &&
        img.complete &&
        img.naturalWidth > 0 &&
        img.getAttribute('src')?.startsWith('/api/users/')
        ? img.getAttribute('src')
        : null;
    }, selector);

  const setColorMode = async (page: Page, mode: 'light' | 'dark') => {
    const current = await page.evaluate(() => document.documentElement.dataset['theme']);
    if (current === mode) return;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: mode === 'dark' ? 'Dark mode' : 'Light mode' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(mode);
  };

  beforeAll(async () => {
    try {
      await setUp();
    } catch (error) {
      for (const [w, name] of [
        [alice, 'alice'],
        [bob, 'bob'],
        [alicePhone, 'alice-phone'],
      ] as const)
        await shot(w.page, `failed-profile-setup-${name}`).catch(() => undefined);
      throw error;
    }
  }, 150_000);
  async function setUp() {
    browser = await launch();
    alice = await openUser(browser, { width: 1440, height: 900 });
    bob = await openUser(browser, { width: 1440, height: 900 });
    alicePhone = await openUser(browser, { width: 390, height: 844 });
    await alice.page.goto('/');
    await devSignIn(alice.page, `alice${id}`);
    await alice.page.getByRole('button', { name: 'Create a party' }).first().click();
    await alice.page.getByLabel('Party name').fill(`Faces ${id}`);
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
    // Alice's phone: the same account, the same topic.
    await alicePhone.page.goto('/');
    await devSignIn(alicePhone.page, `alice${id}`);
    await alicePhone.page.goto(new URL(alice.page.url()).pathname);
    await send(alice.page, `before the change ${id}`);
    await send(bob.page, `bob was here ${id}`);
    await messageWith(bob.page, `before the change ${id}`).waitFor();
    await messageWith(alicePhone.page, `bob was here ${id}`).waitFor();
  }
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-profile-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    await shot(alice.page, `${name}-alice`).catch(() => undefined);
    await shot(bob.page, `${name}-bob`).catch(() => undefined);
    await shot(alicePhone.page, `${name}-alice-phone`).catch(() => undefined);
  });
  afterAll(async () => {
    for (const w of [alice, bob, alicePhone]) {
      expect(w?.errors ?? [], (w?.errors ?? []).join('\n')).toEqual([]);
      expect(w?.dialogs ?? []).toEqual([]);
    }
    await browser?.close();
  });

  it('Alice picks a picture and a new name in Edit profile; her menu shows them after Save', async () => {
    const { page } = alice;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Edit profile' }).click();
    const form = page.getByTestId('edit-profile');
    await form.waitFor();
    await page.getByTestId('avatar-file').setInputFiles({
      name: 'me.png',
      mimeType: 'image/png',
      buffer: await pictureFrom(page),
    });
    await page.getByTestId('display-name').fill(newName);
    await page.waitForTimeout(350); // the modal's transition settles
    await shot(page, 'profile-edit-1440-light');
    await page.getByTestId('save-profile').click();
    await form.waitFor({ state: 'detached' });

    await expect
      .poll(() => avatarLoaded(page, '[data-testid="user-menu"] img'))
      .toMatch(/^\/api\/users\/[\w-]+\/avatar\/[\w-]{22}$/);
  });

  it('Bob sees the new avatar and name on her messages and in the member list, without a reload', async () => {
    const { page } = bob;
    const item = messageWith(page, `before the change ${id}`);
    await expect.poll(() => item.getByTestId('author-name').textContent()).toBe(newName);
    await expect
      .poll(() => avatarLoaded(page, `[data-message-id] [data-testid="author-avatar"] img`))
      .toMatch(/^\/api\/users\//);
    const member = page.getByTestId('member').filter({ hasText: newName });
    await member.waitFor();
    await expect.poll(() => member.locator('img').count()).toBe(1);
    await shot(page, 'profile-live-1440-light');
  });

  it('Alice’s phone shows her new name in the account menu too', async () => {
    const { page } = alicePhone;
    await expect
      .poll(() => messageWith(page, `before the change ${id}`).getByTestId('author-name').textContent())
      .toBe(newName);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByTestId('user-menu').click();
    await expect.poll(() => page.getByRole('menu').textContent()).toContain(newName);
    // Escape closes the menu (once the focus is in it), then, with the focus back on its button in the
    // drawer, the drawer. Pressed before the focus has moved, an Escape goes to the wrong one.
    const inMenu = () => page.evaluate(() => !!document.activeElement?.closest('[role="menu"]'));
    await expect.poll(inMenu).toBe(true);
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('user-menu');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-menu').waitFor({ state: 'hidden' });
  });

  it('Bob opens Alice’s profile card from her message: name, @username, role, joined date, Message', async () => {
    const { page } = bob;
    await messageWith(page, `before the change ${id}`).getByTestId('author-name').click();
    const card = page.locator('[data-testid="profile-card"]:visible');
    await card.waitFor();
    await expect(card.getByTestId('profile-name').textContent()).resolves.toBe(newName);
    await expect(card.getByTestId('profile-username').textContent()).resolves.toBe(`@alice${id}`);
    await expect(card.getByTestId('profile-role').textContent()).resolves.toBe('Owner');
    await expect(card.locator('time').count()).resolves.toBe(1);
    await page.waitForTimeout(300);
    await shot(page, 'profile-card-1440-light');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });

    // By keyboard from the message list (one tab stop): her message, Enter for its menu, View profile.
    const hers = messageWith(page, `before the change ${id}`);
    await hers.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'View profile' }).waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('[role="menu"]')))
      .toBe(true);
    for (let i = 0; i < 3 && (await focusedText()) !== 'View profile'; i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await focusedText()).toBe('View profile');
    await page.keyboard.press('Enter');
    await card.waitFor();
    await expect(card.getByTestId('profile-name').textContent()).resolves.toBe(newName);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });

    await setColorMode(page, 'dark');
    // From the member list this time, by keyboard: focus the row's button, Enter opens, Escape closes.
    const member = page.getByTestId('member-profile').filter({ hasText: newName });
    await member.focus();
    await page.keyboard.press('Enter');
    await card.waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'profile-card-1440-dark');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    await expect.poll(() => member.evaluate((el) => el === document.activeElement)).toBe(true);

    // My own card has no Message button; hers does, and it goes to the DM with her.
    const mine = page.getByTestId('member-profile').filter({ hasText: '(you)' });
    await mine.click();
    await card.waitFor();
    await expect(card.getByRole('button', { name: 'Message' }).count()).resolves.toBe(0);
    await mine.click(); // the trigger toggles it closed
    await card.waitFor({ state: 'hidden' });
    await messageWith(page, `before the change ${id}`).getByTestId('author-name').click();
    await card.getByRole('button', { name: 'Message' }).click();
    await page.waitForURL(/\/direct\/with\/[\w-]+$/);
    await setColorMode(page, 'light');
  });

  it('on a phone, light and dark: Edit profile and a profile card fit the screen', async () => {
    const { page } = alicePhone;
    for (const mode of ['light', 'dark'] as const) {
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await setColorMode(page, mode);
      // The drawer may close with the menu; open it again for the account menu.
      if (!(await page.getByTestId('user-menu').isVisible())) {
        await page.getByRole('button', { name: 'Open navigation' }).click();
      }
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Edit profile' }).click();
      await page.getByTestId('edit-profile').waitFor();
      await page.waitForTimeout(350);
      await shot(page, `profile-edit-390-${mode}`);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('edit-profile').waitFor({ state: 'detached' });
      // The navigation drawer is still open behind the modal: close it.
      if (await page.getByTestId('user-menu').isVisible()) await page.keyboard.press('Escape');
      await page.getByTestId('user-menu').waitFor({ state: 'hidden' });
      await messageWith(page, `bob was here ${id}`).getByTestId('author-name').click();
      const card = page.locator('[data-testid="profile-card"]:visible');
      await card.waitFor();
      await page.waitForTimeout(300);
      await shot(page, `profile-card-390-${mode}`);
      const box = await card.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'hidden' });
    }
  });
});
