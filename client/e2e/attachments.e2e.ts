import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { describeViolations, seriousViolations } from './axe';
import { devSignIn, launch, openUser, shot, unique, type Watched } from './harness';
import { createParty, join, signInApi } from './rest';

// Issue 15.1 as two people see it: Alice (desktop) attaches an image by the paperclip, Bob (phone) sees it
// live with its thumbnail, both open it; a file dropped on the page arrives as a card that downloads as an
// attachment; a pasted image; screenshots in light and dark at both sizes. The uploads go from the browser
// straight to the local stack's SeaweedFS through presigned URLs (CORS and CSP on the way).
describe('attachments: images and files in messages', () => {
  let browser: Browser;
  let alice: Watched;
  let bob: Watched;
  const id = unique();
  let topicPath = '';

  const messageWith = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });
  const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });

  /** A PNG drawn by the page's own canvas (a gradient and a label), as bytes. */
  async function drawPng(page: Page, width: number, height: number, label: string): Promise<Buffer> {
    const base64 = await page.evaluate(
      async ({ width, height, label }) => {
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d')!;
        const gradient = ctx.createLinearGradient(0, 0, width, height);
        gradient.addColorStop(0, '#f6ad55');
        gradient.addColorStop(1, '#5a67d8');
        ctx.fillStyle = gradient;
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = 'white';
        ctx.font = `bold ${Math.round(height / 8)}px sans-serif`;
        ctx.fillText(label, width / 10, height / 2);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = '';
        for (const b of bytes) text += String.fromCharCode(b);
        return btoa(text);
      },
      { width, height, label },
    );
    return Buffer.from(base64, 'base64');
  }

  const waitReady = (page: Page, count: number) =>
    expect
      .poll(() => page.locator('[data-testid="upload-chip"][data-status="ready"]').count(), {
        timeout: 20_000,
      })
      .toBe(count);

  /** The image has really loaded (a thumbnail URL the CSP and the storage both let through). */
  const loadedWidth = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((img) => ((img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0));

  /** axe-core on what is on screen now: no serious or critical violations. */
  async function accessible(page: Page, name: string) {
    const violations = await seriousViolations(page);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launch();
    const [a, b] = await Promise.all([signInApi(`alice${id}`), signInApi(`bob${id}`)]);
    const { partyId, topicId } = await createParty(a, `Files ${id}`);
    await join(a, partyId, [b]);
    topicPath = `/parties/${partyId}/topics/${topicId}`;
    alice = await openUser(browser, { width: 1440, height: 900 });
    bob = await openUser(browser, { width: 390, height: 844 });
    for (const [user, name] of [
      [alice, `alice${id}`],
      [bob, `bob${id}`],
    ] as const) {
      await user.page.goto('/');
      await devSignIn(user.page, name);
      await user.page.goto(topicPath);
      await composer(user.page).waitFor();
    }
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-attachments-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    await shot(alice.page, `${name}-alice`).catch(() => undefined);
    await shot(bob.page, `${name}-bob`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Alice attaches an image with the paperclip; Bob sees it live with its thumbnail, and both open it', async () => {
    const { page } = alice;
    const png = await drawPng(page, 800, 600, `sunset ${id}`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles({ name: `sunset-${id}.png`, mimeType: 'image/png', buffer: png });
    const chip = page.getByTestId('upload-chip');
    await expect.poll(() => chip.textContent()).toContain(`sunset-${id}.png`);
    await waitReady(page, 1);
    await composer(page).fill(`the view ${id}`);
    await shot(page, 'attachments-composer-1440');
    await accessible(page, 'composer with a file chip');
    await composer(page).press('Enter');
    await expect.poll(() => page.getByTestId('upload-chip').count()).toBe(0);

    for (const { page: p } of [alice, bob]) {
      const item = messageWith(p, `the view ${id}`);
      const image = item.getByRole('button', { name: `Open image sunset-${id}.png` });
      await image.waitFor({ timeout: 20_000 });
      // The box has the image's proportions before and after loading (800×600 → 320×240 at most).
      const box = await image.boundingBox();
      expect(box).not.toBeNull();
      expect(Math.abs(box!.width / box!.height - 4 / 3)).toBeLessThan(0.03);
      await expect
        .poll(() => loadedWidth(p, `[data-message-id] [data-testid="attachment-thumbnail"]`), {
          timeout: 20_000,
        })
        .toBe(320);
    }
    await shot(alice.page, 'attachments-image-1440');
    await accessible(alice.page, 'a message with an image');
    await shot(bob.page, 'attachments-image-390');

    for (const { page: p } of [alice, bob]) {
      await messageWith(p, `the view ${id}`)
        .getByRole('button', { name: `Open image sunset-${id}.png` })
        .click();
      const viewer = p.getByTestId('image-viewer');
      await viewer.waitFor();
      await expect
        .poll(() => loadedWidth(p, '[data-testid="image-viewer-image"]'), { timeout: 20_000 })
        .toBe(800);
      await shot(p, p === alice.page ? 'attachments-viewer-1440' : 'attachments-viewer-390');
      await accessible(p, 'the image viewer');
      await p.keyboard.press('Escape');
      await expect.poll(() => viewer.count()).toBe(0);
    }
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it('a file dropped on the page arrives as a card, files only; Download saves it as an attachment', async () => {
    const { page } = alice;
    const name = `notes-${id}.html`;
    // An HTML file: it must download, never open as a page in the app's or the storage's origin.
    const html = `<h1>notes ${id}</h1><script>alert('xss')</script>`;
    const transfer = await page.evaluateHandle(
      ({ name, html }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([html], name, { type: 'text/html' }));
        return dt;
      },
      { name, html },
    );
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await page.getByTestId('drop-overlay').waitFor();
    await shot(page, 'attachments-drop-1440');
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.getByTestId('drop-overlay').count()).toBe(0);
    await waitReady(page, 1);
    // No text: a files-only message.
    await composer(page).press('Enter');

    const card = bob.page.getByTestId('attachment-file').filter({ hasText: name });
    await card.waitFor({ timeout: 20_000 });
    await expect(card.textContent()).resolves.toContain('B');
    await shot(bob.page, 'attachments-file-390');
    await accessible(bob.page, 'a file card on a phone');
    const downloading = bob.page.waitForEvent('download');
    await card.getByRole('button', { name: `Download ${name}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(name);
    // The storage answers with Content-Disposition: attachment and an inert type.
    const res = await fetch(download.url());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(res.headers.get('content-type')).not.toContain('html');
    expect(await res.text()).toBe(html);
    expect(bob.dialogs).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it('an image pasted into the composer is attached; removing a chip takes it away', async () => {
    const { page } = bob;
    const png = await drawPng(page, 300, 500, 'paste');
    await composer(page).click();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      const box = document.querySelector('#composer')!;
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, png.toString('base64'));
    await waitReady(page, 1);
    await shot(page, 'attachments-composer-390');
    await page.getByRole('button', { name: 'Remove image.png' }).click();
    await expect.poll(() => page.getByTestId('upload-chip').count()).toBe(0);
    await expect(composer(page).inputValue()).resolves.toBe('');
    expect(bob.errors).toEqual([]);
  });

  it('dark mode at both sizes', async () => {
    for (const user of [alice, bob]) {
      const { page } = user;
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.evaluate(() => localStorage.setItem('chakra-ui-color-mode', 'dark'));
      await page.reload();
      await messageWith(page, `the view ${id}`)
        .getByRole('button', { name: `Open image sunset-${id}.png` })
        .waitFor({ timeout: 20_000 });
      await expect
        .poll(() => loadedWidth(page, `[data-testid="attachment-thumbnail"]`), { timeout: 20_000 })
        .toBe(320);
      const wide = page === alice.page;
      await shot(page, wide ? 'attachments-messages-1440-dark' : 'attachments-messages-390-dark');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Attach files' }).click();
      await (
        await chooser
      ).setFiles({
        name: `a-rather-long-file-name-for-the-chip-${id}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 not really'),
      });
      await waitReady(page, 1);
      await shot(page, wide ? 'attachments-composer-1440-dark' : 'attachments-composer-390-dark');
      await accessible(page, 'dark: messages with files and a chip');
      await page.getByRole('button', { name: /^Remove a-rather-long/ }).click();
      expect(user.errors).toEqual([]);
    }
  });
});
