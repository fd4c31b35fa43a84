import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { BOB, ME, mockFetch, PARTY_ID, renderRoutes } from '../../test/utils';
import { ProfileCard } from './ProfileCard';

afterEach(() => vi.unstubAllGlobals());

const members = [
  { ...ME, role: 'owner', joinedAt: '2026-01-01T10:00:00.000Z' },
  { ...BOB, role: 'admin', joinedAt: '2026-03-15T10:00:00.000Z', avatarUrl: '/api/users/b/avatar/x' },
].map(({ id, username, displayName, avatarUrl, role, joinedAt }) => ({
  userId: id,
  username,
  displayName,
  avatarUrl,
  role,
  joinedAt,
}));

function serve() {
  return mockFetch(({ path }) =>
    path === `/api/parties/${PARTY_ID}/members`
      ? { status: 200, body: members }
      : { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } },
  );
}

const card = (userId: string) => (
  <ProfileCard partyId={PARTY_ID} userId={userId}>
    <button type="button">open {userId === BOB.id ? 'Bob' : 'me'}</button>
  </ProfileCard>
);

describe('the profile card', () => {
  it('shows the member’s name, @username, role in this party and joined date; Message goes to the DM with them', async () => {
    serve();
    const { router } = renderRoutes(
      [
        { path: '/here', element: card(BOB.id) },
        { path: '/direct/with/:userId', element: <div>Conversation</div> },
      ],
      '/here',
    );
    await userEvent.click(screen.getByRole('button', { name: 'open Bob' }));
    const shown = await screen.findByTestId('profile-card');
    expect(shown).toBeVisible();
    expect(await screen.findByTestId('profile-role')).toHaveTextContent('Admin');
    expect(screen.getByTestId('profile-name')).toHaveTextContent('Bob');
    expect(screen.getByTestId('profile-username')).toHaveTextContent('@bob');
    const joined = screen.getByText((_t, el) => el?.tagName === 'TIME');
    expect(joined).toHaveAttribute('dateTime', '2026-03-15T10:00:00.000Z');
    expect(joined.textContent).toMatch(/2026/);

    await userEvent.click(screen.getByRole('button', { name: 'Message' }));
    expect(router.state.location.pathname).toBe(`/direct/with/${BOB.id}`);
  });

  it('opens from the keyboard, and Escape closes it and gives the focus back', async () => {
    serve();
    renderRoutes([{ path: '/here', element: card(BOB.id) }], '/here');
    await userEvent.tab();
    const trigger = screen.getByRole('button', { name: 'open Bob' });
    expect(trigger).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByTestId('profile-role')).toBeInTheDocument();
    // Tab goes on into the card (its Message button); Escape there closes it.
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Message' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(trigger).toHaveAttribute('aria-expanded', 'false'));
    // Chakra gives the focus back in the next animation frame.
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('has no Message button on my own card', async () => {
    serve();
    renderRoutes([{ path: '/here', element: card(ME.id) }], '/here');
    await userEvent.click(screen.getByRole('button', { name: 'open me' }));
    expect(await screen.findByTestId('profile-role')).toHaveTextContent('Owner');
    expect(screen.queryByRole('button', { name: 'Message' })).not.toBeInTheDocument();
  });
});
