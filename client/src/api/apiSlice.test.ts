import { afterEach, describe, expect, it, vi } from 'vitest';

import { ME, mockFetch, signedInStore } from '../test/utils';
import { apiSlice } from './apiSlice';

const probe = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    probeA: build.query<{ ok: string }, void>({ query: () => '/api/probe-a' }),
    probeB: build.query<{ ok: string }, void>({ query: () => '/api/probe-b' }),
  }),
});

afterEach(() => vi.unstubAllGlobals());

describe('the re-auth base query', () => {
  it('when a request gets 401, it refreshes once with the cookie and retries with the new token', async () => {
    const store = signedInStore();
    const fetchSpy = mockFetch(({ method, path, headers }) => {
      if (method === 'POST' && path === '/api/auth/refresh')
        return { status: 200, body: { accessToken: 'token-2', expiresIn: 600, user: ME } };
      if (headers.get('authorization') === 'Bearer token-2') return { status: 200, body: { ok: path } };
      return { status: 401, body: { error: { code: 'AUTH.TOKEN_EXPIRED', message: 'expired' } } };
    });

    const result = await store.dispatch(probe.endpoints.probeA.initiate());

    expect(result.data).toEqual({ ok: '/api/probe-a' });
    expect(store.getState().auth.accessToken).toBe('token-2');
    expect(fetchSpy).toHaveBeenCalledTimes(3);
  });

  it('when two requests get 401 at once, they share one refresh', async () => {
    const store = signedInStore();
    let refreshes = 0;
    mockFetch(async ({ method, path, headers }) => {
      if (method === 'POST' && path === '/api/auth/refresh') {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 20));
        return { status: 200, body: { accessToken: 'token-2', expiresIn: 600, user: ME } };
      }
      if (headers.get('authorization') === 'Bearer token-2') return { status: 200, body: { ok: path } };
      return { status: 401, body: { error: { code: 'AUTH.TOKEN_EXPIRED', message: 'expired' } } };
    });

    const [a, b] = await Promise.all([
      store.dispatch(probe.endpoints.probeA.initiate()),
      store.dispatch(probe.endpoints.probeB.initiate()),
    ]);

    expect(a.data).toEqual({ ok: '/api/probe-a' });
    expect(b.data).toEqual({ ok: '/api/probe-b' });
    expect(refreshes).toBe(1);
  });

  it('when the refresh is refused, the user is signed out and the token dropped', async () => {
    const store = signedInStore();
    mockFetch(() => ({ status: 401, body: { error: { code: 'AUTH.REFRESH_INVALID', message: 'no' } } }));

    const result = await store.dispatch(probe.endpoints.probeA.initiate());

    expect(result.data).toBeUndefined();
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', accessToken: null, user: null });
  });

  it('when the network is down, the session is kept (offline is not signed out)', async () => {
    const store = signedInStore();
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));

    const result = await store.dispatch(probe.endpoints.probeA.initiate());

    expect(result.isError).toBe(true);
    expect(store.getState().auth.status).toBe('authenticated');
  });
});
