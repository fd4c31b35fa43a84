// The composer's file chips: the REST calls are answered by mockFetch, and the PUT to the presigned
// storage URL by a stand-in XMLHttpRequest whose progress, completion and failure the test drives.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { mockFetch, renderWithProviders } from '../../test/utils';
import { Composer } from '../messages/Composer';
import { clearUploads } from './uploads';

class FakeXhr {
  static sent: FakeXhr[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } =
    { onprogress: null };
  status = 0;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  aborted = false;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  finish(status = 200) {
    this.status = status;
    act(() => this.onload?.());
  }
  fail() {
    act(() => this.onerror?.());
  }
}

const TOPIC = '00000000-0000-4000-8000-0000000000c1';
const UPLOAD_URL = 'http://127.0.0.1:58333/partyline/pending/p/a1?X-Amz-Signature=abc';

const myAttachment = (id: string, name: string, size: number, status: 'pending' | 'ready') => ({
  id,
  name,
  size,
  contentType: 'image/png',
  hasThumbnail: false,
  topicId: TOPIC,
  status,
  messageId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** The server's side: grants uploads up to maxBytes, completes them, takes cancels. */
function server(maxBytes = 25 * 1024 * 1024) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let n = 0;
  const spy = mockFetch(({ method, path, body }) => {
    calls.push({ method, path, body });
    if (method === 'POST' && path === `/api/topics/${TOPIC}/attachments`) {
      const { name, size } = body as { name: string; size: number };
      if (size > maxBytes) {
        return {
          status: 413,
          body: {
            error: {
              code: 'ATTACHMENT.TOO_LARGE',
              message: `Files can be at most ${maxBytes} bytes`,
              details: { maxBytes },
            },
          },
        };
      }
      const id = `00000000-0000-4000-8000-00000000f0${(++n).toString().padStart(2, '0')}`;
      return {
        status: 201,
        body: {
          attachment: myAttachment(id, name, size, 'pending'),
          upload: {
            method: 'PUT',
            url: UPLOAD_URL,
            headers: { 'Content-Type': 'image/png' },
            expiresAt: '2030-01-01T00:00:00.000Z',
          },
        },
      };
    }
    const complete = /^\/api\/attachments\/([^/]+)\/complete$/.exec(path);
    if (method === 'POST' && complete) {
      return { status: 200, body: myAttachment(complete[1]!, 'cat.png', 2048, 'ready') };
    }
    if (method === 'DELETE' && path.startsWith('/api/attachments/')) return { status: 204 };
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } };
  });
  return { calls, spy };
}

const png = (name = 'cat.png', size = 2048) => new File([new Uint8Array(size)], name, { type: 'image/png' });

function pick(files: File[]) {
  fireEvent.change(screen.getByTestId('attach-input'), { target: { files } });
}

const lastXhr = () => FakeXhr.sent[FakeXhr.sent.length - 1]!;

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => {
  // Unmounted first: a mounted composer would read the session's drafts back in.
  cleanup();
  sessionStorage.clear();
  clearUploads();
  vi.unstubAllGlobals();
});

describe('attaching files in the composer', () => {
  it('shows a chip with name, size and progress, enables Send once uploaded, and sends the attachment ids', async () => {
    const { calls } = server();
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={onSend} />);
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeEnabled();

    pick([png()]);
    const chip = await screen.findByTestId('upload-chip');
    expect(within(chip).getByText('cat.png')).toBeInTheDocument();
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    // Straight to the presigned URL, with the signed Content-Type, and the file itself as the body.
    expect(lastXhr()).toMatchObject({ method: 'PUT', url: UPLOAD_URL });
    expect(lastXhr().headers).toEqual({ 'Content-Type': 'image/png' });
    expect(lastXhr().body).toBeInstanceOf(File);

    lastXhr().progress(1024, 2048);
    expect(within(chip).getByText('2 KB · 50%')).toBeInTheDocument();
    expect(within(chip).getByRole('progressbar', { name: 'Uploading cat.png' })).toHaveAttribute(
      'aria-valuenow',
      '50',
    );
    // Not while uploading: Enter does nothing, the button is disabled.
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), '{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send message' })).toBeDisabled();

    lastXhr().finish(200);
    await waitFor(() => expect(screen.getByTestId('upload-chip')).toHaveAttribute('data-status', 'ready'));
    expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/complete'))).toBe(true);
    const send = screen.getByRole('button', { name: 'Send message' });
    expect(send).toBeEnabled();

    await userEvent.click(send);
    // Files only: an empty body with the finished upload's id (and what the pending row shows).
    expect(onSend).toHaveBeenCalledTimes(1);
    const [body, options] = onSend.mock.calls[0]!;
    expect(body).toBe('');
    expect(options.attachmentIds).toEqual(['00000000-0000-4000-8000-00000000f001']);
    expect(options.attachments[0]).toMatchObject({ name: 'cat.png', size: 2048 });
    expect(screen.queryByTestId('upload-chip')).not.toBeInTheDocument();
  });

  it('cancelling an upload aborts the PUT and cancels the attachment on the server', async () => {
    const { calls } = server();
    renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={vi.fn()} />);
    pick([png('big.png', 4096)]);
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    lastXhr().progress(1000, 4096);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel upload of big.png' }));

    expect(lastXhr().aborted).toBe(true);
    expect(screen.queryByTestId('upload-chip')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(calls).toContainEqual(
        expect.objectContaining({
          method: 'DELETE',
          path: '/api/attachments/00000000-0000-4000-8000-00000000f001',
        }),
      ),
    );
    expect(calls.some((c) => c.path.endsWith('/complete'))).toBe(false);
  });

  it('a file over the server limit shows the limit in words and sends no bytes', async () => {
    server(1024 * 1024);
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={onSend} />);
    pick([png('huge.png', 2 * 1024 * 1024)]);

    const chip = await screen.findByTestId('upload-chip');
    await waitFor(() => expect(chip).toHaveAttribute('data-status', 'error'));
    expect(within(chip).getByText('Too large: files can be at most 1 MB')).toBeInTheDocument();
    expect(FakeXhr.sent).toHaveLength(0);
    // Nothing to send; the chip can be removed.
    expect(screen.getByRole('button', { name: 'Send message' })).toBeDisabled();
    await userEvent.click(within(chip).getByRole('button', { name: 'Remove huge.png' }));
    expect(screen.queryByTestId('upload-chip')).not.toBeInTheDocument();
  });

  it('a network failure of the PUT says so and offers a retry with the same file', async () => {
    server();
    renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={vi.fn()} />);
    pick([png()]);
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    lastXhr().fail();

    const chip = await screen.findByTestId('upload-chip');
    await waitFor(() => expect(chip).toHaveAttribute('data-status', 'error'));
    expect(within(chip).getByText('Network error: the upload did not finish')).toBeInTheDocument();

    await userEvent.click(within(chip).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    lastXhr().finish(200);
    await waitFor(() => expect(screen.getByTestId('upload-chip')).toHaveAttribute('data-status', 'ready'));
  });

  it('an image pasted into the box is attached instead of pasted as text', async () => {
    server();
    renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={vi.fn()} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(box, { clipboardData: { files: [png('image.png')], getData: () => '' } });

    expect(await screen.findByTestId('upload-chip')).toHaveTextContent('image.png');
    expect(box).toHaveValue('');
  });

  it('a finished upload survives the composer going away (another topic opened, or a reload)', async () => {
    server();
    const first = renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={vi.fn()} />);
    pick([png()]);
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    lastXhr().finish(200);
    await waitFor(() => expect(screen.getByTestId('upload-chip')).toHaveAttribute('data-status', 'ready'));
    first.unmount();
    // A reload: the in-memory list is gone, the session's draft is not.
    clearUploads();

    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" draftKey={TOPIC} onSend={onSend} />);
    expect(await screen.findByTestId('upload-chip')).toHaveAttribute('data-status', 'ready');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'look{Enter}');
    expect(onSend).toHaveBeenCalledWith(
      'look',
      expect.objectContaining({ attachmentIds: ['00000000-0000-4000-8000-00000000f001'] }),
    );
  });
});
