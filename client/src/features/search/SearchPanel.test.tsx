import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { BOB, ME, message, mockFetch, PARTY_ID, renderRoutes, TOPIC_ID } from '../../test/utils';
import { SearchPanel } from './SearchPanel';

const OTHER_TOPIC = '00000000-0000-4000-8000-0000000000a2';
const party = { id: PARTY_ID, name: 'Board games' };

afterEach(() => vi.unstubAllGlobals());

function serve(searches: URLSearchParams[]) {
  return mockFetch(({ path }) => {
    const url = new URL(path, 'http://x');
    if (url.pathname === `/api/parties/${PARTY_ID}/topics`)
      return {
        status: 200,
        body: [
          { id: TOPIC_ID, partyId: PARTY_ID, name: 'general', position: 0 },
          { id: OTHER_TOPIC, partyId: PARTY_ID, name: 'dice', position: 1 },
        ],
      };
    if (url.pathname === `/api/parties/${PARTY_ID}/members`)
      return {
        status: 200,
        body: [ME, BOB].map((u) => ({
          userId: u.id,
          username: u.username,
          displayName: u.displayName,
          avatarUrl: null,
          role: 'member',
          joinedAt: '2026-01-01T00:00:00.000Z',
        })),
      };
    if (url.pathname === `/api/parties/${PARTY_ID}/search`) {
      searches.push(url.searchParams);
      return { status: 200, body: { messages: [message(7, { body: 'pizza on friday' })] } };
    }
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
  });
}

const routes = [
  { path: '/here', element: <SearchPanel party={party} isOpen onClose={() => undefined} /> },
  { path: '/parties/:partyId/topics/:topicId', element: <div>The topic</div> },
];

describe('the search panel', () => {
  it('asks the server for one author’s and one topic’s messages when the filters are set', async () => {
    const searches: URLSearchParams[] = [];
    serve(searches);
    renderRoutes(routes, '/here');
    await userEvent.type(screen.getByTestId('search-input'), 'pizza');
    expect(await screen.findByText('1 result')).toBeInTheDocument();
    expect(searches.at(-1)?.get('authorId')).toBeNull();

    // Bob can be chosen before any result of his is on the page: the list is the party's members.
    await waitFor(() => expect(screen.getByRole('option', { name: 'Bob' })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByTestId('search-author'), 'Bob');
    await waitFor(() => expect(searches.at(-1)?.get('authorId')).toBe(BOB.id));
    await userEvent.selectOptions(screen.getByTestId('search-topic'), '#dice');
    await waitFor(() => expect(searches.at(-1)?.get('topicId')).toBe(OTHER_TOPIC));
    expect(searches.at(-1)?.get('authorId')).toBe(BOB.id);
    expect(searches.at(-1)?.get('q')).toBe('pizza');
  });

  it('opens a result in its topic at the message', async () => {
    serve([]);
    const { router } = renderRoutes(routes, '/here');
    await userEvent.type(screen.getByTestId('search-input'), 'pizza');
    await userEvent.click(await screen.findByTestId('search-result'));
    expect(await screen.findByText('The topic')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/parties/${PARTY_ID}/topics/${TOPIC_ID}`);
    expect(router.state.location.search).toBe('?message=7');
  });

  it('in a direct conversation (one topic), offers no topic filter and names no topic, and asks for no topics', async () => {
    const spy = serve([]);
    renderRoutes(
      [
        {
          path: '/here',
          element: <SearchPanel party={party} isOpen onClose={() => undefined} singleTopic />,
        },
      ],
      '/here',
    );
    expect(screen.getByText('Type to search this conversation.')).toBeInTheDocument();
    await userEvent.type(screen.getByTestId('search-input'), 'pizza');
    expect(await screen.findByTestId('search-result')).toHaveTextContent('pizza on friday');
    expect(screen.queryByTestId('search-topic')).toBeNull();
    expect(screen.queryByText(/^in #/)).toBeNull();
    expect(screen.getByTestId('search-author')).toBeInTheDocument();
    const paths = spy.mock.calls.map(
      ([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname,
    );
    expect(paths).not.toContain(`/api/parties/${PARTY_ID}/topics`);
  });
});
