import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setupStore } from '../../app/store';
import { ME, mockFetch } from '../../test/utils';
import { refreshAccessToken } from './refresh';
import { useSilentRefresh } from './useSilentRefresh';

const session = { accessToken: 'fresh', expiresIn: 600, user: ME };
const anonymousStore = () => setupStore();

afterEach(() => vi.unstubAllGlobals());

describe('a refresh on page load', () => {
  it.each([
    [429, 'RATE_LIMITED'],
    [503, 'SERVICE.UNAVAILABLE'],
    [502, undefined],
    [401, undefined],
  ])('a %i (%s) keeps the session: it is not a sign-out', async (status, code) => {
    mockFetch(() => ({ status, body: code ? { error: { code, message: 'x' } } : undefined }));
    const store = anonymousStore();
    expect(await refreshAccessToken(store.dispatch)).toBe('unreachable');
    expect(store.getState().auth.status).toBe('unknown');
  });

  it.each(['AUTH.REFRESH_INVALID', 'AUTH.REFRESH_REUSED', 'AUTH.REQUIRED'])(
    'a 401 %s signs the user out',
    async (code) => {
      mockFetch(() => ({ status: 401, body: { error: { code, message: 'Please sign in again' } } }));
      const store = anonymousStore();
      expect(await refreshAccessToken(store.dispatch)).toBe('rejected');
      expect(store.getState().auth.status).toBe('anonymous');
    },
  );

  it('a network error, then a 503, then success: retried with backoff, signed in, never signed out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let calls = 0;
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => {
          calls += 1;
          if (calls === 1) throw new TypeError('Failed to fetch');
          if (calls === 2)
            return new Response(JSON.stringify({ error: { code: 'SERVICE.UNAVAILABLE', message: 'x' } }), {
              status: 503,
            });
          return new Response(JSON.stringify(session), { status: 200 });
        }),
      );
      const store = anonymousStore();
      renderHook(() => useSilentRefresh(store));
      await vi.advanceTimersByTimeAsync(0);
      expect(store.getState().auth).toMatchObject({ status: 'unknown' });
      expect(store.getState().auth.restoreRetryAt).toBeGreaterThan(Date.now());
      await vi.advanceTimersByTimeAsync(1_000); // first backoff: 1 s
      expect(calls).toBe(2);
      expect(store.getState().auth.status).toBe('unknown');
      await vi.advanceTimersByTimeAsync(2_000); // then 2 s
      expect(calls).toBe(3);
      expect(store.getState().auth).toMatchObject({ status: 'authenticated', accessToken: 'fresh' });
    } finally {
      vi.useRealTimers();
    }
  });
});
