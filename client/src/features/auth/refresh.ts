import type { Dispatch } from '@reduxjs/toolkit';

import type { Session } from '../../api/types';
import { sessionReceived, signedOut } from './authSlice';

type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';

let inFlight: Promise<RefreshOutcome> | null = null;

/**
 * Trades the httpOnly refresh cookie for a new access token. Concurrent callers share one request, because
 * the refresh token rotates on every use and a second parallel use would look like token reuse.
 * Only a definite rejection signs the user out; a network failure (offline) keeps the session.
 */
export function refreshAccessToken(dispatch: Dispatch): Promise<RefreshOutcome> {
  inFlight ??= (async (): Promise<RefreshOutcome> => {
    try {
      const res = await fetch(new URL('/api/auth/refresh', window.location.origin), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (res.ok) {
        const session = (await res.json()) as Session;
        dispatch(sessionReceived(session));
        return 'refreshed';
      }
      if (res.status === 401 || res.status === 403) {
        dispatch(signedOut());
        return 'rejected';
      }
      return 'unreachable';
    } catch {
      return 'unreachable';
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}
