import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Attachment } from '../../api/types';
import { message, mockFetch, renderWithProviders } from '../../test/utils';
import { MessageAttachments, PendingAttachments, thumbnailBox } from './MessageAttachments';

const photo: Attachment = {
  id: '00000000-0000-4000-8000-0000000000d1',
  name: 'holiday.jpg',
  size: 3 * 1024 * 1024,
  contentType: 'image/jpeg',
  width: 1600,
  height: 1200,
  hasThumbnail: true,
};
const report: Attachment = {
  id: '00000000-0000-4000-8000-0000000000d2',
  name: 'report.pdf',
  size: 180 * 1024,
  contentType: 'application/pdf',
  hasThumbnail: false,
};

const later = () => new Date(Date.now() + 300_000).toISOString();

/** Answers URL requests with a new signed URL each time, counting them per id and variant. */
function urlServer(expiry: (n: number) => string = later) {
  const asked: string[] = [];
  mockFetch(({ path }) => {
    const m = /^\/api\/attachments\/([^/]+)\/url\?variant=(\w+)$/.exec(path);
    if (!m) return { status: 404, body: { error: { code: 'NOT_FOUND', message: path } } };
    asked.push(`${m[1]}:${m[2]}`);
    const n = asked.length;
    return {
      status: 200,
      body: {
        url: `http://127.0.0.1:58333/partyline/${m[2]}/${m[1]}?sig=${n}`,
        expiresAt: expiry(n),
        inline: m[2] === 'thumbnail' || m[1] === photo.id,
      },
    };
  });
  return asked;
}

describe('a message’s attachments', () => {
  it('an image takes its final size at once (from width/height) and shows its thumbnail', async () => {
    urlServer();
    renderWithProviders(<MessageAttachments message={message(1, { attachments: [photo] })} />);

    const box = screen.getByRole('button', { name: 'Open image holiday.jpg' });
    // 1600×1200 fits 320×320 as 320×240, before a single byte of it has loaded.
    expect(thumbnailBox(1600, 1200)).toEqual({ width: 320, height: 240 });
    expect(box).toHaveStyle({ width: '320px' });
    expect(box).toHaveAttribute('data-box', '320x240');

    const img = await within(box).findByRole('img', { name: 'holiday.jpg' });
    expect(img.getAttribute('src')).toContain(`/thumbnail/${photo.id}?sig=1`);
  });

  it('clicking the image opens the full image, with a URL asked for then', async () => {
    const asked = urlServer();
    renderWithProviders(<MessageAttachments message={message(1, { attachments: [photo] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Open image holiday.jpg' }));

    const viewer = await screen.findByRole('dialog');
    const full = await within(viewer).findByTestId('image-viewer-image');
    expect(full.getAttribute('src')).toContain(`/original/${photo.id}`);
    expect(asked).toContain(`${photo.id}:original`);
    expect(viewer).toHaveTextContent('3 MB · 1600×1200');
    await userEvent.click(within(viewer).getAllByRole('button', { name: 'Close' }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('another file is a card with its name and size, and Download uses a URL fetched just then', async () => {
    const asked = urlServer();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.href);
    });
    renderWithProviders(<MessageAttachments message={message(1, { attachments: [report] })} />);

    const card = screen.getByTestId('attachment-file');
    expect(within(card).getByText('report.pdf')).toBeInTheDocument();
    expect(within(card).getByText('180 KB')).toBeInTheDocument();
    expect(asked).toEqual([]); // nothing is fetched for a card until it is used

    await userEvent.click(within(card).getByRole('button', { name: 'Download report.pdf' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]).toContain(`/original/${report.id}?sig=1`);

    // A second download asks again: URLs are never reused from a cache.
    await userEvent.click(within(card).getByRole('button', { name: 'Download report.pdf' }));
    await waitFor(() => expect(clicked).toHaveLength(2));
    expect(clicked[1]).toContain('?sig=2');
  });

  it('a URL that has already expired is never shown: a new one is asked for', async () => {
    const asked = urlServer((n) => (n === 1 ? new Date(Date.now() - 1_000).toISOString() : later()));
    renderWithProviders(<MessageAttachments message={message(1, { attachments: [photo] })} />);

    const img = await screen.findByRole('img', { name: 'holiday.jpg' });
    expect(img.getAttribute('src')).toContain('?sig=2');
    expect(asked).toEqual([`${photo.id}:thumbnail`, `${photo.id}:thumbnail`]);
  });

  it('an image whose thumbnail is not made yet shows as a card that opens it', async () => {
    urlServer();
    renderWithProviders(
      <MessageAttachments
        message={message(1, { attachments: [{ ...photo, hasThumbnail: false, width: undefined }] })}
      />,
    );
    const card = screen.getByTestId('attachment-file');
    await userEvent.click(within(card).getByRole('button', { name: 'holiday.jpg' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });

  it('a deleted message shows no files', () => {
    renderWithProviders(
      <MessageAttachments
        message={message(1, { attachments: [photo], deletedAt: '2026-01-01T00:00:00.000Z' })}
      />,
    );
    expect(screen.queryByTestId('message-attachments')).not.toBeInTheDocument();
  });

  it('a message still being sent lists its files by name and size, asking the server for nothing', () => {
    const asked = urlServer();
    renderWithProviders(<PendingAttachments attachments={[photo, report]} />);
    const rows = screen.getAllByTestId('pending-attachment');
    expect(rows.map((r) => r.textContent)).toEqual(['holiday.jpg3 MB', 'report.pdf180 KB']);
    expect(asked).toEqual([]);
  });
});
