import { ChakraProvider } from '@chakra-ui/react';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider } from 'react-redux';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { vi } from 'vitest';

import { setupStore, type AppStore, type RootState } from '../app/store';
import { theme } from '../app/theme';
import type { Me, Message } from '../api/types';

export const ME: Me = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'alice',
  displayName: 'Alice',
  avatarUrl: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  memberships: [],
};

export const BOB = {
  id: '00000000-0000-4000-8000-000000000002',
  username: 'bob',
  displayName: 'Bob',
  avatarUrl: null,
};

export const TOPIC_ID = '00000000-0000-4000-8000-0000000000a1';
export const PARTY_ID = '00000000-0000-4000-8000-0000000000b1';

export function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m-${seq}`,
    topicId: TOPIC_ID,
    partyId: PARTY_ID,
    seq,
    nonce: `nonce-${seq}`,
    author: BOB,
    body: `message ${seq}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    replyTo: null,
    mentions: { userIds: [], everyone: false, here: false },
    reactions: [],
    changeSeq: 0,
    ...overrides,
  };
}

export function signedInStore(extra: Partial<RootState> = {}): AppStore {
  return setupStore({
    auth: { accessToken: 'token-1', expiresAt: Date.now() + 600_000, user: ME, status: 'authenticated' },
    ...extra,
  });
}

type Handler = (req: {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}) => Reply | Promise<Reply>;
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** Replaces global fetch with a router over method + path; returns the spy for assertions. */
export function mockFetch(handler: Handler) {
  const spy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(req.url);
    const text = await req.text();
    const res = await handler({
      method: req.method,
      path: url.pathname + url.search,
      body: text ? JSON.parse(text) : undefined,
      headers: req.headers,
    });
    return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
      status: res.status,
      headers: { 'content-type': 'application/json', ...res.headers },
    });
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}

export function renderWithProviders(
  ui: ReactElement,
  { store = signedInStore() }: { store?: AppStore } = {},
) {
  const result = render(
    <Provider store={store}>
      <ChakraProvider theme={theme}>{ui}</ChakraProvider>
    </Provider>,
  );
  return { store, ...result };
}

export function renderRoutes(
  routes: RouteObject[],
  path: string,
  { store = signedInStore() }: { store?: AppStore } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <Provider store={store}>
      <ChakraProvider theme={theme}>
        <RouterProvider router={router} />
      </ChakraProvider>
    </Provider>,
  );
  return { store, router, ...result };
}
