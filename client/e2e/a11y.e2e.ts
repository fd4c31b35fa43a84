import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeViolations, seriousViolations } from './axe';
import { devSignIn, emulateSlowMachine, launch, send, shot, unique } from './harness';

// axe-core on every main screen, light and dark: zero serious or critical violations (issue 13.7).
const SCREENS = ['light', 'dark'] as const;

async function expectAccessible(page: Page, name: string) {
  await page.waitForTimeout(350); // transitions (drawers, modals, colour changes) settle
  await shot(page, `a11y-${name}`);
  const violations = await seriousViolations(page);
  // Soft, so one screen's problems do not hide the next screen's.
  expect.soft(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe.each(SCREENS)('accessibility in %s mode', (scheme) => {
  let browser: Browser;
  let page: Page;
  let guest: Page;
  const id = unique();
  let invite = '';

  beforeAll(async () => {
    browser = await launch();
    const open = async () => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        colorScheme: scheme,
        baseURL: process.env.PARTYLINE_APP_URL ?? 'http://localhost:5173',
      });
      const opened = await context.newPage();
      await emulateSlowMachine(context, opened);
      return opened;
    };
    page = await open();
    guest = await open();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sign-in page', async () => {
    await page.goto('/signin');
    await page.getByLabel('Username').waitFor();
    await expectAccessible(page, `${scheme}-signin`);
  });

  it('home (no party yet)', async () => {
    await devSignIn(page, `a11y${scheme.slice(0, 1)}${id}`);
    await page.getByTestId('empty-state').waitFor();
    await expectAccessible(page, `${scheme}-home`);
  });

  it('a topic with messages, the member list beside it', async () => {
    await page.getByRole('button', { name: 'Create a party' }).first().click();
    await page.getByLabel('Party name').fill(`Accessible ${id}`);
    await page.getByRole('button', { name: 'Create party' }).click();
    await page.waitForURL(/\/topics\//);
    await send(page, `Hello https://example.com ${id}`);
    await send(page, 'A second message');
    await page.getByTestId('message').nth(1).waitFor();
    await page.getByRole('complementary', { name: 'Members' }).waitFor();
    await expectAccessible(page, `${scheme}-topic`);
  });

  it('the message menu and the party menu', async () => {
    const message = page.getByTestId('message').first();
    await message.hover();
    await message.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit message' }).waitFor();
    await expectAccessible(page, `${scheme}-message-menu`);
    await page.keyboard.press('Escape');
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invite people' }).waitFor();
    await expectAccessible(page, `${scheme}-party-menu`);
    await page.keyboard.press('Escape');
  });

  it('invite modal with a link', async () => {
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invite people' }).click();
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const field = page.getByLabel('Share this link');
    await field.waitFor();
    invite = await field.inputValue();
    await expectAccessible(page, `${scheme}-invite-modal`);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('invites and bans', async () => {
    await page.getByTestId('party-menu').click();
    await page.getByRole('menuitem', { name: 'Invites and bans' }).click();
    await page.getByTestId('invite-row').first().waitFor();
    await expectAccessible(page, `${scheme}-manage-invites`);
    await page.getByRole('tab', { name: 'Bans' }).click();
    await page.getByText(/Nobody is banned/).waitFor();
    await expectAccessible(page, `${scheme}-manage-bans`);
    await page.keyboard.press('Escape');
  });

  it('search and the quick switcher', async () => {
    await page.getByTestId('open-search').click();
    await page.getByTestId('search-input').fill('second');
    await page.getByTestId('search-result').first().waitFor();
    await expectAccessible(page, `${scheme}-search`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.getByTestId('quick-switcher-input').waitFor();
    await expectAccessible(page, `${scheme}-quick-switcher`);
    await page.keyboard.press('Escape');
  });

  it('invite page, signed out and signed in', async () => {
    await guest.goto(invite);
    await guest.getByTestId('invite-card').getByRole('heading').first().waitFor();
    await expectAccessible(guest, `${scheme}-invite-signed-out`);
    await guest.getByRole('link', { name: /^Sign in to/ }).click();
    await devSignIn(guest, `guest${scheme.slice(0, 1)}${id}`);
    await guest.getByTestId('invite-party-name').waitFor();
    await expectAccessible(guest, `${scheme}-invite-page`);
  });

  it('phone width: the topic and the navigation drawer', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await expectAccessible(page, `${scheme}-phone-topic`);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Topics' }).waitFor();
    await expectAccessible(page, `${scheme}-phone-drawer`);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
