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

  it('sends a signed-out visitor to sign in, remembering to come back', async () => {
    const store = setupStore({
      auth: { accessToken: null, expiresAt: null, user: null, status: 'anonymous' },
    });
    const { router } = renderRoutes(routes, '/invite/abc', { store });
    expect(await screen.findByText('Sign-in page')).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?returnTo=${encodeURIComponent('/invite/abc')}`);
  });
});
