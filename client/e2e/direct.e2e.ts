// Direct messages (issue 15.3): Alice starts a conversation with Bob from "New message" (a picker of the
// people she shares a party with), Bob sees it appear live in his rail with an unread badge, opens it and
// replies; Alice sees the reply live. A third member of the party never sees it. Phone width: the drawer
// shows the section too. Alice adds Dave to a group from its menu and he sees it arrive live; Bob searches
// his DM and a result far back opens the conversation there. Screenshots light and dark at 1440x900 and
// 390x844.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeViolations, seriousViolations } from './axe';
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
import { createParty, join, post, postMany, signInApi, type ApiUser } from './rest';

// The shared machine can be slow to open a page (a busy CPU): generous waits, never fixed sleeps.
const SLOW = { timeout: 60_000 };

/** The page's finite CSS and Web Animations (a fade, a menu closing) have ended; spinners run on. */
const ANIMATIONS_DONE = `Promise.all(document.getAnimations()
  .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
  .map((a) => a.finished.catch(() => undefined))).then(() => true)`;

/**
 * axe-core: no serious or critical violation on this screen, once it is still: a tooltip or a menu half
 * way through fading out (after a click) reads as a contrast failure.
 */
async function expectAccessible(page: Page, name: string) {
  await expect.poll(() => page.getByRole('tooltip').count(), SLOW).toBe(0);
  await page.evaluate(ANIMATIONS_DONE);
  const violations = await seriousViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** POST /api/direct as `user` (the REST route the picker calls). */
async function startConversation(user: ApiUser, userIds: string[]): Promise<{ id: string; topicId: string }> {
  const res = await fetch(`${APP_URL}/api/direct`, {
    method: 'POST',
    headers: { origin: APP_URL, 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
    body: JSON.stringify({ userIds }),
  });
  if (!res.ok) throw new Error(`POST /api/direct: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; topicId: string };
}

const directLinks = (page: Page) => page.getByTestId('direct-section').getByTestId('direct-link');

async function signedIn(
  browser: Browser,
  username: string,
  viewport: { width: number; height: number },
  dark = false,
) {
  const user = await openUser(browser, viewport);
  if (dark) await user.page.emulateMedia({ colorScheme: 'dark' });
  await user.page.goto('/');
  await devSignIn(user.page, username);
  if (dark) {
    await user.page.evaluate(() => localStorage.setItem('chakra-ui-color-mode', 'dark'));
    await user.page.reload();
  }
  return user;
}

describe('direct messages', () => {
  let browser: Browser;
  let alice: Watched;
  let bob: Watched;
  let carolApi: ApiUser;
  let daveApi: ApiUser;
  let aliceApi: ApiUser;
  let bobApi: ApiUser;
  let partyId: string;
  let topicId: string;
  const id = unique();

  beforeAll(async () => {
    browser = await launch();
    aliceApi = await signInApi(`alice${id}`);
    bobApi = await signInApi(`bob${id}`);
    carolApi = await signInApi(`carol${id}`);
    daveApi = await signInApi(`dave${id}`);
    // Someone Alice shares nothing with: never offered by the picker.
    await signInApi(`stranger${id}`);
    ({ partyId, topicId } = await createParty(aliceApi, `DM crew ${id}`));
    await join(aliceApi, partyId, [bobApi, carolApi, daveApi]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('Alice starts a DM with Bob from "New message"; it appears live on Bob’s screen with an unread badge, and he replies', async () => {
    alice = await signedIn(browser, `alice${id}`, { width: 1440, height: 900 });
    bob = await signedIn(browser, `bob${id}`, { width: 1440, height: 900 });
    await alice.page.goto(`/parties/${partyId}/topics/${topicId}`);
    await bob.page.goto(`/parties/${partyId}/topics/${topicId}`);
    await messageList(bob.page).waitFor(SLOW);
    expect(await directLinks(bob.page).count()).toBe(0);

    // The picker: people of my parties only, searched by name.
    await alice.page.getByRole('button', { name: 'New message' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'New message' });
    await dialog.waitFor(SLOW);
    await dialog.getByTestId('new-message-person').first().waitFor(SLOW);
    const offered = await dialog.getByTestId('new-message-person').allInnerTexts();
    expect(offered.some((t) => t.includes(`bob${id}`))).toBe(true);
    expect(offered.some((t) => t.includes(`carol${id}`))).toBe(true);
    expect(offered.some((t) => t.includes(`stranger${id}`))).toBe(false);
    expect(offered.some((t) => t.includes(`alice${id}`))).toBe(false);
    await dialog.getByPlaceholder('Search people by name').fill(`bob${id}`);
    await expect.poll(() => dialog.getByTestId('new-message-person').count(), SLOW).toBe(1);
    await dialog.getByTestId('new-message-person').click();
    await shot(alice.page, 'direct-picker-1440-light');
    await dialog.getByRole('button', { name: 'Start conversation' }).click();

    await alice.page.waitForURL(/\/direct\/[0-9a-f-]{36}$/, SLOW);
    const conversationId = new URL(alice.page.url()).pathname.split('/').pop()!;
    await expect.poll(() => alice.page.getByTestId('direct-title').innerText(), SLOW).toBe(`bob${id}`);
    await send(alice.page, 'Hi Bob, just us here');
    await messageList(alice.page).getByText('Hi Bob, just us here').waitFor(SLOW);

    // Bob did nothing: the conversation arrives in his rail live, with one unread.
    await directLinks(bob.page).first().waitFor(SLOW);
    const badge = bob.page.getByTestId('direct-section').getByTestId('direct-unread-badge');
    await badge.waitFor(SLOW);
    expect(await badge.innerText()).toBe('1');
    await shot(bob.page, 'direct-live-badge-1440-light');

    await directLinks(bob.page).first().click();
    await bob.page.waitForURL(`**/direct/${conversationId}`, SLOW);
    await messageList(bob.page).getByText('Hi Bob, just us here').waitFor(SLOW);
    await expect.poll(() => bob.page.getByTestId('direct-title').innerText(), SLOW).toBe(`alice${id}`);
    await send(bob.page, 'Hi Alice!');
    await messageList(alice.page).getByText('Hi Alice!').waitFor(SLOW);
    // Read on screen: Bob's badge is gone.
    await badge.waitFor({ state: 'detached', ...SLOW });
    await shot(alice.page, 'direct-conversation-1440-light');
    await expectAccessible(alice.page, 'light conversation');
    // The picker, checked here rather than over the party's member list (not this feature's screen).
    await alice.page.getByRole('button', { name: 'New message' }).first().click();
    const again = alice.page.getByRole('dialog', { name: 'New message' });
    await again.getByTestId('new-message-person').first().waitFor(SLOW);
    await expectAccessible(alice.page, 'light picker');
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'detached', ...SLOW });

    // The party list never shows it; the same 1:1 comes back from "Message" links (/direct/with/:userId).
    const partyLinks = await alice.page.getByTestId('party-link').count();
    expect(partyLinks).toBe(1);
    await bob.page.goto(`/direct/with/${(await signInApi(`alice${id}`)).id}`);
    await bob.page.waitForURL(`**/direct/${conversationId}`, SLOW);
    await messageList(bob.page).getByText('Hi Alice!').waitFor(SLOW);

    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 300_000);

  it('Carol, in the same party, sees no conversation and cannot open it', async () => {
    const carol = await signedIn(browser, `carol${id}`, { width: 1440, height: 900 });
    const conversationId = new URL(alice.page.url()).pathname.split('/').pop()!;
    await carol.page.goto(`/direct/${conversationId}`);
    await carol.page.getByText('This conversation isn’t available').waitFor(SLOW);
    expect(await directLinks(carol.page).count()).toBe(0);
    expect(carol.errors).toEqual([]);
    await carol.context.close();
  }, 180_000);

  it('dark and phone: the conversation, the rail section and the drawer', async () => {
    const conversationId = new URL(alice.page.url()).pathname.split('/').pop()!;
    const dark = await signedIn(browser, `alice${id}`, { width: 1440, height: 900 }, true);
    await dark.page.goto(`/direct/${conversationId}`);
    await messageList(dark.page).getByText('Hi Alice!').waitFor(SLOW);
    await shot(dark.page, 'direct-conversation-1440-dark');
    await expectAccessible(dark.page, 'dark conversation');
    await dark.page.getByRole('button', { name: 'New message' }).first().click();
    await dark.page
      .getByRole('dialog', { name: 'New message' })
      .getByTestId('new-message-person')
      .first()
      .waitFor(SLOW);
    await shot(dark.page, 'direct-picker-1440-dark');
    await expectAccessible(dark.page, 'dark picker');
    await dark.page.keyboard.press('Escape');
    // A group beside the 1:1: two faces in the rail and the sidebar, its people counted in the header.
    const group = await startConversation(bobApi, [aliceApi.id, carolApi.id]);
    await dark.page.getByTestId('direct-sidebar-link').nth(1).waitFor(SLOW);
    await dark.page.goto(`/direct/${group.id}`);
    await dark.page.getByText('3 people').first().waitFor(SLOW);
    await shot(dark.page, 'direct-group-1440-dark');
    await expectAccessible(dark.page, 'dark group');
    expect(dark.errors).toEqual([]);
    await dark.context.close();

    for (const scheme of ['light', 'dark'] as const) {
      const phone = await signedIn(browser, `bob${id}`, { width: 390, height: 844 }, scheme === 'dark');
      await phone.page.goto(`/direct/${conversationId}`);
      await messageList(phone.page).getByText('Hi Alice!').waitFor(SLOW);
      await shot(phone.page, `direct-conversation-390-${scheme}`);
      await phone.page.getByRole('button', { name: 'Open navigation' }).click();
      await phone.page.getByRole('dialog').getByTestId('direct-link').first().waitFor(SLOW);
      await phone.page.waitForTimeout(500); // the drawer's slide-in
      await shot(phone.page, `direct-drawer-390-${scheme}`);
      await expectAccessible(phone.page, `${scheme} phone drawer`);
      expect(phone.errors).toEqual([]);
      await phone.context.close();
    }
  }, 300_000);
  it('Alice adds Dave to her group with Bob and Carol from the menu; it appears live on Dave’s screen', async () => {
    // The group Bob started above, found again: the same three people are one group.
    const group = await startConversation(aliceApi, [bobApi.id, carolApi.id]);
    const dave = await signedIn(browser, `dave${id}`, { width: 1440, height: 900 });
    await dave.page.goto(`/parties/${partyId}/topics/${topicId}`);
    await messageList(dave.page).waitFor(SLOW);
    expect(await directLinks(dave.page).count()).toBe(0);

    await alice.page.goto(`/direct/${group.id}`);
    await alice.page.getByText('3 people').first().waitFor(SLOW);
    await alice.page.getByRole('button', { name: 'Conversation options' }).click();
    await alice.page.getByRole('menuitem', { name: 'Add people' }).click();
    await alice.page.getByRole('menu').waitFor({ state: 'hidden', ...SLOW });
    const dialog = alice.page.getByRole('dialog', { name: 'Add people' });
    await dialog.getByTestId('new-message-person').first().waitFor(SLOW);
    // Bob and Carol are in it already: checked and fixed.
    const bobBox = dialog.getByTestId('new-message-person').filter({ hasText: `bob${id}` });
    expect(await bobBox.locator('input').isChecked()).toBe(true);
    expect(await bobBox.locator('input').isDisabled()).toBe(true);
    await dialog.getByPlaceholder('Search people by name').fill(`dave${id}`);
    await expect.poll(() => dialog.getByTestId('new-message-person').count(), SLOW).toBe(1);
    await dialog.getByTestId('new-message-person').click();
    await shot(alice.page, 'direct-add-people-1440-light');
    await expectAccessible(alice.page, 'light add people');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached', ...SLOW });
    await alice.page.getByText('4 people').first().waitFor(SLOW);

    // Dave did nothing: the group arrives in his rail live, and opens with everyone in it.
    await directLinks(dave.page).first().waitFor(SLOW);
    await directLinks(dave.page).first().click();
    await dave.page.waitForURL(`**/direct/${group.id}`, SLOW);
    await dave.page.getByText('4 people').first().waitFor(SLOW);
    await send(alice.page, `Welcome Dave ${id}`);
    await messageList(dave.page).getByText(`Welcome Dave ${id}`).waitFor(SLOW);
    expect(alice.errors).toEqual([]);
    expect(dave.errors).toEqual([]);
    await dave.context.close();
  }, 300_000);

  it('Bob searches his DM with Alice and a result far back opens the conversation at that message', async () => {
    const pair = await startConversation(bobApi, [aliceApi.id]);
    // The needle, then more than a page after it: the jump has to load the history around it.
    const needle = await post(aliceApi, pair.topicId, `the pineapple${id} plan`);
    await postMany([aliceApi, bobApi], pair.topicId, 60, `Filler ${id}`);
    const bobAgain = await signedIn(browser, `bob${id}`, { width: 1440, height: 900 });
    const { page } = bobAgain;
    await page.goto(`/direct/${pair.id}`);
    const list = messageList(page);
    await list.getByText(`Filler ${id} 60`, { exact: true }).waitFor(SLOW);
    expect(await list.locator(`[data-testid="message"][data-seq="${needle.seq}"]`).count()).toBe(0);

    await page.getByTestId('open-search').click();
    const panel = page.getByRole('dialog', { name: `Search alice${id}` });
    await panel.waitFor(SLOW);
    // One topic: no topic filter.
    expect(await panel.getByTestId('search-topic').count()).toBe(0);
    await panel.getByTestId('search-input').fill(`pineapple${id}`);
    const result = panel.getByTestId('search-result');
    await expect.poll(() => result.count(), SLOW).toBe(1);
    await shot(page, 'direct-search-1440-light');
    await result.click();
    // Through /parties/<id>/topics/…?message=, which the app sends to the conversation's own page.
    await page.waitForURL(new RegExp(`/direct/${pair.id}$`), SLOW);
    const target = list.locator(`[data-highlighted] [data-testid="message"][data-seq="${needle.seq}"]`);
    await target.waitFor(SLOW);
    await expect.poll(() => target.isVisible(), SLOW).toBe(true);
    expect(await page.getByTestId('direct-title').innerText()).toBe(`alice${id}`);
    expect(bobAgain.errors).toEqual([]);
    await bobAgain.context.close();
  }, 300_000);
});
