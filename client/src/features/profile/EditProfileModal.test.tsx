import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ME, mockFetch, renderWithProviders } from '../../test/utils';
import { EditProfileModal } from './EditProfileModal';

const UPLOAD_ID = 'Jx0cX3d9pQ1mN6bV8tY2aA';
const AVATAR_URL = `/api/users/${ME.id}/avatar/${UPLOAD_ID}`;

type Seen = { method: string; path: string; body: unknown; headers: Headers };

function serve(seen: Seen[]) {
  return mockFetch((req) => {
    seen.push(req);
    if (req.method === 'PATCH' && req.path === '/api/users/me')
      return { status: 200, body: { ...ME, ...(req.body as object) } };
    if (req.method === 'POST' && req.path === '/api/users/me/avatar')
      return {
        status: 201,
        body: {
          uploadId: UPLOAD_ID,
          upload: {
            method: 'PUT',
            url: 'http://storage.test/bucket/avatars/uploads/x?X-Amz-Signature=abc',
            headers: { 'Content-Type': 'image/png' },
            expiresAt: '2026-01-01T00:05:00.000Z',
          },
        },
      };
    if (req.method === 'PUT' && req.path.startsWith('/bucket/avatars/uploads/')) return { status: 200 };
    if (req.method === 'POST' && req.path === '/api/users/me/avatar/complete')
      return { status: 200, body: { ...ME, avatarUrl: AVATAR_URL } };
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
  });
}

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.unstubAllGlobals());

const png = () => new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], 'me.png', { type: 'image/png' });

describe('edit profile', () => {
  it('saves a new display name (trimmed) and the account menu’s user follows', async () => {
    const seen: Seen[] = [];
    serve(seen);
    const onClose = vi.fn();
    const { store } = renderWithProviders(<EditProfileModal isOpen onClose={onClose} />);
    const input = screen.getByTestId('display-name');
    expect(input).toHaveValue('Alice');
    await userEvent.clear(input);
    await userEvent.type(input, '  Alice Liddell ');
    await userEvent.click(screen.getByTestId('save-profile'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/users/me']);
    expect(seen[0]?.body).toEqual({ displayName: 'Alice Liddell' });
    expect(store.getState().auth.user?.displayName).toBe('Alice Liddell');
  });

  it('uploads a chosen picture straight to the storage with the signed headers, then completes it', async () => {
    const seen: Seen[] = [];
    const served = serve(seen);
    // jsdom's File is not a body Node's Request takes: the mock gets a stand-in of the same size.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      served(
        input,
        init?.body instanceof Blob ? { ...init, body: JSON.stringify({ bytes: init.body.size }) } : init,
      ),
    );
    const onClose = vi.fn();
    const { store } = renderWithProviders(<EditProfileModal isOpen onClose={onClose} />);
    await userEvent.upload(screen.getByTestId('avatar-file'), png());
    await userEvent.click(screen.getByTestId('save-profile'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());

    expect(seen.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /api/users/me/avatar',
      'PUT /bucket/avatars/uploads/x',
      'POST /api/users/me/avatar/complete',
    ]);
    expect(seen[0]?.body).toEqual({ contentType: 'image/png', size: 7 });
    expect(seen[1]?.body).toEqual({ bytes: 7 }); // the file itself
    expect(seen[1]?.headers.get('content-type')).toBe('image/png');
    expect(seen[1]?.headers.get('authorization')).toBeNull(); // the storage never gets our token
    expect(seen[2]?.body).toEqual({ uploadId: UPLOAD_ID });
    expect(store.getState().auth.user?.avatarUrl).toBe(AVATAR_URL);
  });

  it('refuses an SVG before sending anything, and an empty name cannot be saved', async () => {
    const seen: Seen[] = [];
    serve(seen);
    renderWithProviders(<EditProfileModal isOpen onClose={() => undefined} />);
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(
      screen.getByTestId('avatar-file'),
      new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }),
    );
    expect(screen.getByText('Choose a PNG, JPEG, WebP or GIF picture.')).toBeInTheDocument();
    expect(screen.getByTestId('save-profile')).toBeDisabled(); // nothing changed
    await user.clear(screen.getByTestId('display-name'));
    expect(screen.getByText('A display name is needed.')).toBeInTheDocument();
    expect(screen.getByTestId('save-profile')).toBeDisabled();
    expect(seen).toEqual([]);
  });

  it('shows the server’s refusal and stays open', async () => {
    mockFetch(() => ({
      status: 400,
      body: {
        error: { code: 'AVATAR.ANIMATED', message: 'An avatar is a still picture; this one is animated' },
      },
    }));
    const onClose = vi.fn();
    renderWithProviders(<EditProfileModal isOpen onClose={onClose} />);
    await userEvent.upload(screen.getByTestId('avatar-file'), png());
    await userEvent.click(screen.getByTestId('save-profile'));
    expect(await screen.findByText('An avatar is a still picture; this one is animated')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
