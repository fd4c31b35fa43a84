import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Member, Party, Role } from '../../api/types';
import { BOB, ME, mockFetch, PARTY_ID, renderRoutes, TOPIC_ID } from '../../test/utils';
import { Composer } from '../messages/Composer';

const CAROL_ID = '00000000-0000-4000-8000-000000000003';
const members: Member[] = [
  {
    userId: ME.id,
    username: 'alice',
    displayName: 'Alice',
    avatarUrl: null,
    role: 'owner',
    joinedAt: ME.createdAt,
  },
  {
    userId: BOB.id,
    username: 'bob',
    displayName: 'Bob',
    avatarUrl: null,
    role: 'member',
    joinedAt: ME.createdAt,
  },
  {
    userId: CAROL_ID,
    username: 'carol',
    displayName: 'Carol Baker',
    avatarUrl: null,
    role: 'member',
    joinedAt: ME.createdAt,
  },
];

function setup(myRole: Role = 'owner') {
  const party: Party = {
    id: PARTY_ID,
    name: 'Board games',
    ownerId: ME.id,
    myRole,
    memberCount: 3,
    createdAt: ME.createdAt,
  };
  mockFetch(({ path }) => {
    if (path === `/api/parties/${PARTY_ID}/members`) return { status: 200, body: members };
    if (path === '/api/parties') return { status: 200, body: [party] };
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
  });
  const onSend = vi.fn();
  renderRoutes(
    [
      {
        path: '/parties/:partyId/topics/:topicId',
        element: <Composer placeholder="Message" onSend={onSend} />,
      },
    ],
    `/parties/${PARTY_ID}/topics/${TOPIC_ID}`,
  );
  return { onSend, box: screen.getByRole('textbox', { name: 'Message' }) };
}

const options = () =>
  within(screen.getByRole('listbox', { name: 'Mention suggestions' })).getAllByRole('option');
const labels = () => options().map((o) => o.getAttribute('aria-label'));

afterEach(() => vi.unstubAllGlobals());

describe('mention autocomplete in the composer', () => {
  it('typing @ and letters lists the matching members; Enter picks and the send carries the token', async () => {
    const { onSend, box } = setup();
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    await userEvent.type(box, 'hi @ca');
    expect(labels()).toEqual(['Carol Baker @carol']);
    expect(box).toHaveAttribute('aria-controls', screen.getByRole('listbox').id);
    expect(box).toHaveAttribute('aria-activedescendant', options()[0]!.id);

    await userEvent.keyboard('{Enter}');
    expect(box).toHaveValue('hi @carol ');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(onSend).not.toHaveBeenCalled();

    await userEvent.type(box, 'ready?{Enter}');
    expect(onSend).toHaveBeenCalledWith(`hi <@${CAROL_ID}> ready?`);
  });

  it('arrow keys move the choice, Tab picks, and a typed @username converts too', async () => {
    const { onSend, box } = setup();
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    await userEvent.type(box, '@');
    // Everyone by display name, then the group mentions an owner may use.
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual([
      'true',
      'false',
      'false',
      'false',
      'false',
    ]);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}{ArrowDown}');
    expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowUp}{Tab}');
    expect(box).toHaveValue('@bob ');
    expect(box).toHaveFocus();

    await userEvent.type(box, 'and @alice{Escape} done{Enter}');
    expect(onSend).toHaveBeenCalledWith(`<@${BOB.id}> and <@${ME.id}> done`);
  });

  it('Escape closes the list and Enter then sends; the mouse can pick too', async () => {
    const { onSend, box } = setup();
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    await userEvent.type(box, '@b');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await userEvent.type(box, 'o');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await userEvent.type(box, ' @c');
    await userEvent.click(screen.getByRole('option', { name: /Carol Baker/ }));
    expect(box).toHaveValue('@bo @carol ');
    expect(box).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith(`@bo <@${CAROL_ID}> `);
  });

  it('a member is not offered @everyone and is told before sending that only admins may use it', async () => {
    const { box } = setup('member');
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    await userEvent.type(box, '@ever');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await userEvent.type(box, 'yone ');
    expect(screen.getByTestId('mention-groups-refused')).toHaveTextContent(
      'Only admins and owners can notify @everyone or @here.',
    );
  });

  it('an owner is offered @everyone for "@ev"', async () => {
    const { onSend, box } = setup('owner');
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    await userEvent.type(box, '@ev');
    expect(labels()).toEqual(['@everyone, Notify everyone in this party']);
    await userEvent.keyboard('{Enter}{Enter}');
    expect(onSend).toHaveBeenCalledWith('@everyone ');
  });
});
