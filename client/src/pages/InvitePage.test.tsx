import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setupStore } from '../app/store';
import { RequireAuth } from '../features/auth/RequireAuth';
import { mockFetch, PARTY_ID, renderRoutes } from '../test/utils';
import { InvitePage } from './InvitePage';

const routes = [
  { path: '/signin', element: <div>Sign-in page</div> },
  {
    element: <RequireAuth />,
    children: [
      { path: '/invite/:code', element: <InvitePage /> },
      { path: '/parties/:partyId', element: <div>Inside the party</div> },
    ],
  },
];

// As in the app's router: the invite page is open to signed-out visitors.
const publicRoutes = [
  { path: '/signin', element: <div>Sign-in page</div> },
  { path: '/invite/:code', element: <InvitePage /> },
];

const party = {
  id: PARTY_ID,
  name: 'Board games',
  ownerId: 'o',
  myRole: 'member',
  memberCount: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('the invite page', () => {
  it('previews the party, joins it and lands inside', async () => {
    let joined = false;
    mockFetch(({ method, path }) => {
      if (path === '/api/invites/good-code' && method === 'GET')
        return { status: 200, body: { partyId: PARTY_ID, partyName: 'Board games', memberCount: 3 } };
      if (path === '/api/invites/good-code/accept' && method === 'POST') {
        joined = true;
        return { status: 200, body: party };
      }
      if (path === '/api/parties') return { status: 200, body: joined ? [party] : [] };
      return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
    });
    renderRoutes(routes, '/invite/good-code');

    expect(await screen.findByText('Board games')).toBeInTheDocument();
    expect(screen.getByText('3 members')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Join Board games' }));

    expect(await screen.findByText('Inside the party')).toBeInTheDocument();
    expect(joined).toBe(true);
  });

  it('says plainly when the link is invalid', async () => {
    mockFetch(({ path }) => {
      if (path === '/api/parties') return { status: 200, body: [] };
      return { status: 404, body: { error: { code: 'INVITE.INVALID', message: 'Invite is invalid' } } };
    });
    renderRoutes(routes, '/invite/bad-code');

    expect(await screen.findByRole('heading', { name: 'This invite link doesn’t work' })).toBeInTheDocument();
    expect(screen.getByText(/expired, revoked or used up/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Join/ })).toBeNull();
  });

  it('offers to open the party when I am already a member', async () => {
    mockFetch(({ path }) => {
      if (path === '/api/invites/c')
        return { status: 200, body: { partyId: PARTY_ID, partyName: 'Board games', memberCount: 4 } };
      if (path === '/api/parties') return { status: 200, body: [party] };
      return { status: 404, body: {} };
    });
    renderRoutes(routes, '/invite/c');
    expect(await screen.findByRole('button', { name: /already a member/ })).toBeInTheDocument();
  });

  it('shows a signed-out visitor which party invited them, from the public preview, without credentials', async () => {
    const asked: { path: string; auth: string | null }[] = [];
    mockFetch(({ path, headers }) => {
      asked.push({ path, auth: headers.get('authorization') });
      if (path === '/api/invites/abc/preview')
        return { status: 200, body: { partyName: 'Board games', memberCount: 3 } };
      return { status: 401, body: { error: { code: 'AUTH.REQUIRED', message: 'Sign in first' } } };
    });
    const store = setupStore({
      auth: { accessToken: null, expiresAt: null, user: null, status: 'anonymous' },
    });
    renderRoutes(publicRoutes, '/invite/abc', { store });

    expect(await screen.findByRole('heading', { name: 'Board games' })).toBeInTheDocument();
    expect(screen.getByText('3 members')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in to join Board games' })).toHaveAttribute(
      'href',
      `/signin?returnTo=${encodeURIComponent('/invite/abc')}`,
    );
    expect(asked).toEqual([expect.objectContaining({ path: '/api/invites/abc/preview', auth: null })]);
  });

  it('tells a signed-out visitor plainly when the code is bad, expired or used up', async () => {
    mockFetch(() => ({
      status: 404,
      body: { error: { code: 'INVITE.INVALID', message: 'This invite is invalid or has expired' } },
    }));
    const store = setupStore({
      auth: { accessToken: null, expiresAt: null, user: null, status: 'anonymous' },
    });
    renderRoutes(publicRoutes, '/invite/nope', { store });
    expect(await screen.findByRole('heading', { name: 'This invite link doesn’t work' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Sign in to join/ })).toBeNull();
  });

  it('still lets a signed-out visitor sign in when the preview is refused for too many tries', async () => {
    mockFetch(() => ({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: 'Too many invite tries; try again in 30 s' } },
    }));
    const store = setupStore({
      auth: { accessToken: null, expiresAt: null, user: null, status: 'anonymous' },
    });
    renderRoutes(publicRoutes, '/invite/abc', { store });
    expect(await screen.findByText('Too many invite tries; try again in 30 s')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in to continue' })).toBeInTheDocument();
  });
});
