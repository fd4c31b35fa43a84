import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Member } from '../../api/types';
import { BOB, ME, message, mockFetch, PARTY_ID, renderWithProviders, TOPIC_ID } from '../../test/utils';
import { emptyTopicMessages, messagesAdapter } from '../messages/messagesAdapter';
import { messagesApi } from '../messages/messagesApi';
import { ReactionBar } from './ReactionBar';

const CAROL_ID = '00000000-0000-4000-8000-000000000003';
const member = (userId: string, displayName: string): Member => ({
  userId,
  username: displayName.toLowerCase(),
  displayName,
  avatarUrl: null,
  role: 'member',
  joinedAt: ME.createdAt,
});
const members = [member(ME.id, 'Alice'), member(BOB.id, 'Bob'), member(CAROL_ID, 'Carol')];

const reacted = message(1, {
  reactions: [
    { emoji: '🎉', count: 2, userIds: [BOB.id, ME.id] },
    { emoji: '👀', count: 1, userIds: [CAROL_ID] },
  ],
});

type Call = { method: string; path: string };

function setup(reactionReply: (call: Call) => { status: number; body?: unknown }) {
  const calls: Call[] = [];
  mockFetch(({ method, path }) => {
    if (path === `/api/parties/${PARTY_ID}/members`) return { status: 200, body: members };
    if (path.startsWith(`/api/messages/${reacted.id}/reactions/`)) {
      calls.push({ method, path });
      return reactionReply({ method, path });
    }
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
  });
  const view = renderWithProviders(<ReactionBar message={reacted} meId={ME.id} />);
  // The topic's cached messages hold this one, so the optimistic step and the server's answer show.
  act(() => {
    view.store.dispatch(
      messagesApi.util.upsertQueryData(
        'getMessages',
        TOPIC_ID,
        messagesAdapter.setAll(emptyTopicMessages(), [reacted]),
      ),
    );
  });
  return { calls, ...view };
}

const chip = (emoji: string) =>
  screen.getAllByTestId('reaction').find((el) => el.getAttribute('data-emoji') === emoji)!;

afterEach(() => vi.unstubAllGlobals());

describe('ReactionBar', () => {
  it('shows a chip per emoji with its count, mine pressed, and who reacted by name', async () => {
    setup(() => ({ status: 500 }));
    expect(screen.getAllByTestId('reaction')).toHaveLength(2);
    expect(chip('🎉')).toHaveTextContent('🎉2');
    expect(chip('🎉')).toHaveAttribute('aria-pressed', 'true');
    expect(chip('👀')).toHaveAttribute('aria-pressed', 'false');
    // Names come from the party's members once they are loaded; I am "You".
    await waitFor(() =>
      expect(chip('🎉')).toHaveAccessibleName(/Bob and You reacted with 🎉 \(press to remove yours\)/),
    );
    expect(chip('👀')).toHaveAccessibleName(/Carol reacted with 👀$/);
  });

  it('a click on my chip takes my reaction back, shown at once and kept when the server agrees', async () => {
    const { calls, store } = setup(() => ({
      status: 200,
      body: {
        messageId: reacted.id,
        topicId: TOPIC_ID,
        reactions: [
          { emoji: '🎉', count: 1, userIds: [BOB.id] },
          { emoji: '👀', count: 1, userIds: [CAROL_ID] },
        ],
        mine: [],
        changeSeq: 5,
      },
    }));
    await userEvent.click(chip('🎉'));
    await waitFor(() =>
      expect(calls).toEqual([{ method: 'DELETE', path: expect.stringContaining('%F0%9F%8E%89') }]),
    );
    await waitFor(() => {
      const stored = messagesApi.endpoints.getMessages.select(TOPIC_ID)(store.getState()).data?.entities[
        reacted.id
      ];
      expect(stored?.reactions).toEqual([
        { emoji: '🎉', count: 1, userIds: [BOB.id] },
        { emoji: '👀', count: 1, userIds: [CAROL_ID] },
      ]);
    });
  });

  it("a click on someone else's chip adds mine; a refusal puts it back and says why", async () => {
    const { calls, store } = setup(() => ({
      status: 409,
      body: {
        error: { code: 'REACTION.TOO_MANY', message: 'This message has the most reactions it can have' },
      },
    }));
    await userEvent.click(chip('👀'));
    await waitFor(() => expect(calls.map((c) => c.method)).toEqual(['PUT']));
    expect(await screen.findByText('Could not react')).toBeInTheDocument();
    expect(screen.getByText('This message has the most reactions it can have')).toBeInTheDocument();
    const stored = messagesApi.endpoints.getMessages.select(TOPIC_ID)(store.getState()).data?.entities[
      reacted.id
    ];
    expect(stored?.reactions).toEqual(reacted.reactions);
  });
});
