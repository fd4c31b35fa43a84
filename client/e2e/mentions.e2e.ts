import { copyFileSync, mkdirSync } from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { APP_URL, devSignIn, launch, openUser, SCREENSHOTS, shot, unique, type Watched } from './harness';
import { createParty, history, join, post, signInApi, unreadOf, type ApiUser } from './rest';

// Shots also go where the reviewer looks (PARTYLINE_SHOTS), besides the suite's own folder.
const EXTRA_SHOTS = process.env.PARTYLINE_SHOTS;
async function snap(page: Page, name: string) {
  await shot(page, name);
  if (EXTRA_SHOTS) {
    mkdirSync(EXTRA_SHOTS, { recursive: true });
    copyFileSync(`${SCREENSHOTS}${name}.png`, `${EXTRA_SHOTS}/${name}.png`);
  }
}

async function createTopic(owner: ApiUser, partyId: string, name: string): Promise<string> {
  const res = await fetch(`${APP_URL}/api/parties/${partyId}/topics`, {
    method: 'POST',
    headers: { origin: APP_URL, 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`create topic: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

type Recorded = { title: string; body: string; tag: string };

/** Every Notification the page creates is recorded (and still shown), so the test can read and click it. */
async function recordNotifications(user: Watched) {
  await user.context.grantPermissions(['notifications'], { origin: APP_URL });
  await user.context.addInitScript(() => {
    const Real = window.Notification;
    const seen: Array<{ title: string; body: string; tag: string; n: { onclick: (() => void) | null } }> = [];
    (window as unknown as { __notifications: typeof seen }).__notifications = seen;
    class Recording {
      static get permission() {
        return Real.permission;
      }
      static requestPermission() {
        return Real.requestPermission();
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        seen.push({ title, body: options.body ?? '', tag: options.tag ?? '', n: this });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = Recording;
  });
}

const notifications = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __notifications: Recorded[] }).__notifications.map(({ title, body, tag }) => ({
      title,
      body,
      tag,
    })),
  );

/** The tab goes to the background as far as the page can tell (Page Visibility API). */
const hideTab = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

const topicRow = (page: Page, name: string) => page.getByTestId('topic-link').filter({ hasText: name });

describe('mentions: autocomplete, badges, title, levels and notifications', () => {
  let browser: Browser;
  let alice: Watched;
  let bob: Watched;
  let aliceApi: ApiUser;
  let bobApi: ApiUser;
  let partyId: string;
  let general: string;
  let other: string;
  let random: string;
  const id = unique();

  beforeAll(async () => {
    browser = await launch();
    aliceApi = await signInApi(`alice${id}`);
    bobApi = await signInApi(`bob${id}`);
    ({ partyId, topicId: general } = await createParty(aliceApi, `Mentions ${id}`));
    other = await createTopic(aliceApi, partyId, 'other');
    random = await createTopic(aliceApi, partyId, 'random');
    await join(aliceApi, partyId, [bobApi]);
    alice = await openUser(browser, { width: 1440, height: 900 });
    bob = await openUser(browser, { width: 1440, height: 900 });
    await recordNotifications(bob);
    for (const [user, name] of [
      [alice, `alice${id}`],
      [bob, `bob${id}`],
    ] as const) {
      await user.page.goto('/');
      await devSignIn(user.page, name);
    }
    await bob.page.goto(`/parties/${partyId}/topics/${other}`);
    await alice.page.goto(`/parties/${partyId}/topics/${general}`);
  }, 120_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-mentions-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    await shot(alice.page, `${name}-alice`).catch(() => undefined);
    await shot(bob.page, `${name}-bob`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('Alice mentions Bob from the autocomplete; the stored body carries his id', async () => {
    const { page } = alice;
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('Your turn @bo', { delay: 20 });
    const list = page.getByRole('listbox', { name: 'Mention suggestions' });
    await list.waitFor();
    await expect(list.getByRole('option').count()).resolves.toBe(1);
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBeTruthy();
    await snap(page, 'mentions-autocomplete-1440-light');
    await box.press('Enter');
    await list.waitFor({ state: 'detached' });
    await expect(box.inputValue()).resolves.toBe(`Your turn @bob${id} `);
    await box.pressSequentially('now', { delay: 10 });
    await box.press('Enter');
    await expect
      .poll(async () => (await history(aliceApi, general)).messages.map((m) => m.body).at(-1), {
        timeout: 10_000,
      })
      .toBe(`Your turn <@${bobApi.id}> now`);
  }, 60_000);

  it('Bob, in another topic, sees a mention badge distinct from unread and (1) in the tab title', async () => {
    const { page } = bob;
    const badge = topicRow(page, 'general').getByTestId('topic-mention-badge');
    await badge.waitFor({ timeout: 10_000 });
    await expect(badge.textContent()).resolves.toBe('@1');
    await expect(topicRow(page, 'general').getByTestId('topic-unread-badge').count()).resolves.toBe(0);
    await expect(page.getByTestId('party-mention-badge').textContent()).resolves.toBe('@1');
    await expect.poll(() => page.title()).toMatch(/^\(1\) .*Partyline$/);
    // A plain message elsewhere is a grey count, not a mention.
    await post(aliceApi, random, 'just chatting');
    await expect(topicRow(page, 'random').getByTestId('topic-unread-badge').textContent()).resolves.toBe('1');
    await expect(topicRow(page, 'random').getByTestId('topic-mention-badge').count()).resolves.toBe(0);
    await snap(page, 'mentions-badges-1440-light');
    expect((await unreadOf(bobApi, general)) as { mentionCount?: number }).toMatchObject({ mentionCount: 1 });
  }, 60_000);

  it('opening the topic clears the badge and the title', async () => {
    const { page } = bob;
    await topicRow(page, 'general').click();
    await topicRow(page, 'general').getByTestId('topic-mention-badge').waitFor({ state: 'detached' });
    await expect.poll(() => page.title(), { timeout: 10_000 }).not.toMatch(/^\(\d+\)/);
    await expect(page.getByTestId('party-mention-badge').count()).resolves.toBe(0);
  }, 60_000);

  it('Bob sets the topic to Nothing: the next mention raises no badge', async () => {
    const { page } = bob;
    await topicRow(page, 'other').click();
    await page.getByRole('button', { name: 'Options for general' }).click();
    await page.getByRole('menuitemradio', { name: 'Nothing' }).waitFor();
    await page.waitForTimeout(300);
    await snap(page, 'mentions-topic-menu-1440-light');
    await page.getByRole('menuitemradio', { name: 'Nothing' }).click();
    await topicRow(page, 'general').getByTestId('topic-muted').waitFor();
    await post(aliceApi, general, `<@${bobApi.id}> are you there?`);
    await expect
      .poll(async () => ((await unreadOf(bobApi, general)) as { level?: string } | undefined)?.level, {
        timeout: 10_000,
      })
      .toBe('none');
    await page.waitForTimeout(1_500);
    await expect(topicRow(page, 'general').getByTestId('topic-mention-badge').count()).resolves.toBe(0);
    await expect(topicRow(page, 'general').getByTestId('topic-unread-badge').count()).resolves.toBe(0);
    await expect(page.getByTestId('party-mention-badge').count()).resolves.toBe(0);
    expect(await page.title()).not.toMatch(/^\(\d+\)/);
    // The party menu offers the party's level.
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitemradio', { name: 'All messages' }).waitFor();
    await page.waitForTimeout(300);
    await snap(page, 'mentions-party-menu-1440-light');
    await page.keyboard.press('Escape');
    // Back to the party's default for the next steps.
    await page.getByRole('button', { name: 'Options for general' }).click();
    await page.getByRole('menuitemradio', { name: /Use party default/ }).click();
    await topicRow(page, 'general').getByTestId('topic-muted').waitFor({ state: 'detached' });
  }, 60_000);

  it("a member's @everyone is refused with a readable message", async () => {
    const { page } = bob;
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('@everyone look', { delay: 10 });
    await expect(page.getByRole('listbox', { name: 'Mention suggestions' }).count()).resolves.toBe(0);
    await page.getByTestId('mention-groups-refused').waitFor();
    await box.press('Enter');
    const failed = page.locator('[data-testid="pending-message"][data-status="failed"]');
    await failed.waitFor({ timeout: 10_000 });
    const text = (await failed.textContent()) ?? '';
    expect(text).toMatch(/admins and the owner can mention @everyone/i);
    expect(text).not.toContain('MESSAGE.MENTION_FORBIDDEN');
    await snap(page, 'mentions-everyone-refused-1440-light');
    await failed.getByRole('button', { name: 'Discard' }).click();
  }, 60_000);

  it('with the tab hidden, a mention raises a browser notification that opens the message', async () => {
    const { page } = bob;
    await hideTab(page);
    const sent = await post(aliceApi, general, `<@${bobApi.id}> dinner is ready`);
    await expect.poll(() => notifications(page), { timeout: 10_000 }).toHaveLength(1);
    const [n] = await notifications(page);
    expect(n).toMatchObject({
      title: `alice${id} in #general · Mentions ${id}`,
      body: `@bob${id} dinner is ready`,
    });
    await page.evaluate(() =>
      (
        window as unknown as { __notifications: { n: { onclick: () => void } }[] }
      ).__notifications[0]!.n.onclick(),
    );
    await page.waitForURL((url) => url.pathname === `/parties/${partyId}/topics/${general}`);
    await page.locator(`[data-testid="message"][data-seq="${sent.seq}"]`).waitFor();
    // A plain message at the default level ("All messages") notifies too.
    await post(aliceApi, other, 'plain news');
    await expect.poll(async () => (await notifications(page)).length, { timeout: 10_000 }).toBe(2);
    expect(bob.errors).toEqual([]);
    expect(alice.errors).toEqual([]);
  }, 60_000);

  it('phone and dark: the autocomplete, the badges in the drawer and the menu', async () => {
    const phone = await openUser(browser, { width: 390, height: 844 });

    const { page } = phone;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await devSignIn(page, `alice${id}`);
    await page.evaluate(() => localStorage.setItem('chakra-ui-color-mode', 'dark'));
    await post(bobApi, other, `<@${aliceApi.id}> on the phone?`);
    await post(bobApi, general, `reply to this ${id}`);
    await page.goto(`/parties/${partyId}/topics/${general}`);
    // Replying to Bob (from his message's actions): the suggestions open above the reply bar, which stays in
    // view.
    const bobs = page.getByTestId('message').filter({ hasText: `reply to this ${id}` });
    await bobs.hover();
    await bobs.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Reply' }).click();
    const replyBar = page.getByTestId('reply-bar');
    await replyBar.waitFor();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('@', { delay: 10 });
    const suggestions = page.getByRole('listbox', { name: 'Mention suggestions' });
    await suggestions.waitFor();
    const [list, bar] = await Promise.all([suggestions.boundingBox(), replyBar.boundingBox()]);
    expect(list!.y + list!.height).toBeLessThanOrEqual(bar!.y + 1);
    await snap(page, 'mentions-autocomplete-390-dark');
    await page.getByRole('option', { name: /@everyone/ }).click();
    await expect(box.inputValue()).resolves.toBe('@everyone ');
    await box.fill('');
    await box.press('Escape'); // no reply after all
    await replyBar.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByTestId('topic-mention-badge').first().waitFor();
    await page.waitForTimeout(500); // the drawer's slide-in
    await snap(page, 'mentions-badges-390-dark');
    expect(phone.errors).toEqual([]);
    await phone.context.close();

    // Desktop dark: the autocomplete and the badges.
    const dark = await openUser(browser, { width: 1440, height: 900 });
    await dark.page.emulateMedia({ colorScheme: 'dark' });
    await dark.page.goto('/');
    await devSignIn(dark.page, `alice${id}`);
    await dark.page.evaluate(() => localStorage.setItem('chakra-ui-color-mode', 'dark'));
    await dark.page.goto(`/parties/${partyId}/topics/${general}`);
    await dark.page.getByTestId('topic-mention-badge').first().waitFor();
    const darkBox = dark.page.getByRole('textbox', { name: 'Message' });
    await darkBox.click();
    await darkBox.pressSequentially('@b', { delay: 10 });
    await dark.page.getByRole('listbox', { name: 'Mention suggestions' }).waitFor();
    await snap(dark.page, 'mentions-autocomplete-1440-dark');
    await darkBox.fill('');
    await dark.page.getByRole('button', { name: 'Options for other' }).click();
    await dark.page.getByRole('menuitemradio', { name: 'Mentions only' }).waitFor();
    await dark.page.waitForTimeout(300); // the menu's fade-in
    await snap(dark.page, 'mentions-topic-menu-1440-dark');
    expect(dark.errors).toEqual([]);
    await dark.context.close();
  }, 90_000);
});
