import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { BOB, ME, mockFetch, PARTY_ID, renderRoutes } from '../../test/utils';
import { AuthorAvatar, AuthorName } from './AuthorProfile';
import { ProfileCardHost } from './ProfileCardHost';

afterEach(() => vi.unstubAllGlobals());

const members = [
  { userId: ME.id, username: ME.username, displayName: ME.displayName, avatarUrl: null, role: 'owner' },
  { userId: BOB.id, username: BOB.username, displayName: BOB.displayName, avatarUrl: null, role: 'admin' },
].map((m) => ({ ...m, joinedAt: '2026-03-15T10:00:00.000Z' }));

function serve() {
  return mockFetch(({ path }) =>
    path === `/api/parties/${PARTY_ID}/members`
      ? { status: 200, body: members }
      : { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } },
  );
}

const bob = { id: BOB.id, username: BOB.username, displayName: BOB.displayName, avatarUrl: null };

function renderRows() {
  return renderRoutes(
    [
      {
        path: '/here',
        element: (
          <ProfileCardHost>
            {/* Two rows by Bob and one by me: one card serves them all. */}
            <AuthorAvatar partyId={PARTY_ID} author={bob} name="Bob" />
            <AuthorName partyId={PARTY_ID} author={bob} name="Bob" />
            <AuthorName partyId={PARTY_ID} author={{ ...ME, avatarUrl: null }} name="Me" />
            <button type="button">elsewhere</button>
          </ProfileCardHost>
        ),
      },
    ],
    '/here',
  );
}

describe('the one profile card of the message list', () => {
  it('holds no popover until a name is clicked; then shows that author beside it', async () => {
    serve();
    renderRows();
    expect(screen.queryByTestId('profile-card')).not.toBeInTheDocument();
    const name = screen.getByRole('button', { name: 'Bob' });
    expect(name).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(name);
    expect(await screen.findByTestId('profile-role')).toHaveTextContent('Admin');
    expect(screen.getByTestId('profile-name')).toHaveTextContent(BOB.displayName);
    expect(name).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByTestId('profile-card')).toHaveLength(1);
  });

  it('a second click on the same name closes it; a click on another author opens theirs', async () => {
    serve();
    renderRows();
    const bobName = screen.getByRole('button', { name: 'Bob' });
    await userEvent.click(bobName);
    await screen.findByTestId('profile-role');
    await userEvent.click(bobName);
    await waitFor(() => expect(screen.queryByTestId('profile-card')).not.toBeInTheDocument());
    expect(bobName).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(screen.getByRole('button', { name: 'Me' }));
    expect(await screen.findByTestId('profile-role')).toHaveTextContent('Owner');
    // My own card has no Message button.
    expect(screen.queryByRole('button', { name: 'Message' })).not.toBeInTheDocument();
  });

  it('Escape closes it and gives the focus back to the name that opened it', async () => {
    serve();
    renderRows();
    const bobName = screen.getByRole('button', { name: 'Bob' });
    bobName.focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByTestId('profile-role');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Message' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('profile-card')).not.toBeInTheDocument());
    await waitFor(() => expect(bobName).toHaveFocus());
    // Closed by Escape, not by its button: Enter at once opens it again.
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByTestId('profile-role')).toHaveTextContent('Admin');
  });

  it('a click elsewhere closes it and leaves the focus where the click put it', async () => {
    serve();
    renderRows();
    await userEvent.click(screen.getByRole('button', { name: 'Bob: profile' }));
    await screen.findByTestId('profile-role');
    const elsewhere = screen.getByRole('button', { name: 'elsewhere' });
    await userEvent.click(elsewhere);
    await waitFor(() => expect(screen.queryByTestId('profile-card')).not.toBeInTheDocument());
    expect(elsewhere).toHaveFocus();
  });
});
