import { screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Member } from '../../api/types';
import { BOB, ME, message, mockFetch, PARTY_ID, renderRoutes, TOPIC_ID } from '../../test/utils';
import { markdownReady } from '../markdown/LazyMarkdown';
import { ReplyQuote } from './ReplyQuote';

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
];

beforeAll(() => markdownReady);
afterEach(() => vi.unstubAllGlobals());

function show(reply: Parameters<typeof ReplyQuote>[0]['reply']) {
  mockFetch(({ path }) =>
    path === `/api/parties/${PARTY_ID}/members`
      ? { status: 200, body: members }
      : { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } },
  );
  renderRoutes(
    [
      {
        path: '/parties/:partyId/topics/:topicId',
        element: <ReplyQuote reply={reply} message={message(9)} />,
      },
    ],
    `/parties/${PARTY_ID}/topics/${TOPIC_ID}`,
  );
}

describe('ReplyQuote', () => {
  it("is named by what it shows: the author, the formatted first line, a mention by name, a spoiler's words hidden", async () => {
    show({
      id: 'm-3',
      seq: 3,
      authorId: BOB.id,
      excerpt: `**big** news for <@${ME.id}> ||the butler||`,
      deleted: false,
    });
    const quote = await screen.findByRole('button', { name: /^Reply to @Bob/ });
    expect(quote).toHaveAccessibleName(
      /^Reply to @Bob big news for @Alice spoiler\s*\. Go to the original message$/,
    );
    // Neither the markdown source nor the spoiler's words reach the name.
    expect(quote.getAttribute('aria-label')).toBeNull();
    expect(quote).not.toHaveAccessibleName(/\*\*|butler|<@/);
  });

  it('a deleted original says so', () => {
    show({ id: 'm-3', seq: 3, authorId: BOB.id, excerpt: '', deleted: true });
    expect(screen.getByRole('button', { name: 'Reply to a deleted message' })).toHaveTextContent(
      'Original message was deleted',
    );
  });
});
