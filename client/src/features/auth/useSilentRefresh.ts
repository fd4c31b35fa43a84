import { useEffect } from 'react';
import type { Store } from '@reduxjs/toolkit';

import { sessionRestoreDeferred, type AuthState } from './authSlice';
import { refreshAccessToken } from './refresh';

/** Waits between attempts to restore the session while the server cannot be reached: 1 s, 2 s, 4 s ... 30 s. */
export const restoreBackoffMs = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

/**
 * Silent sign-in on load: the refresh cookie (if any) is traded for an access token held in memory. Only a
 * definite "session invalid" shows the sign-in page; while the server cannot be reached (offline, 429,
 * 503) the app says so and tries again with backoff, at once when the browser comes back online.
 */
export function useSilentRefresh(store: Store<{ auth: AuthState }>) {
  useEffect(() => {
    if (store.getState().auth.status !== 'unknown') return;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tryNow = async () => {
      clearTimeout(timer);
      const outcome = await refreshAccessToken(store.dispatch);
      if (stopped || outcome !== 'unreachable' || store.getState().auth.status !== 'unknown') return;
      const wait = restoreBackoffMs(attempt);
      attempt += 1;
      store.dispatch(sessionRestoreDeferred({ retryAt: Date.now() + wait }));
      timer = setTimeout(() => void tryNow(), wait);
    };
    const onOnline = () => void tryNow();
    const onRetryNow = () => void tryNow();
    window.addEventListener('online', onOnline);
    window.addEventListener(RETRY_NOW_EVENT, onRetryNow);
    void tryNow();
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      window.removeEventListener(RETRY_NOW_EVENT, onRetryNow);
    };
  }, [store]);
}

/** "Try now" on the waiting screen: asks the hook above for an attempt without waiting out the backoff. */
export const RETRY_NOW_EVENT = 'partyline:restore-session-now';
export const retrySessionRestoreNow = () => window.dispatchEvent(new Event(RETRY_NOW_EVENT));
