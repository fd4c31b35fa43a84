import type { Dispatch } from '@reduxjs/toolkit';

import type { Session } from '../../api/types';
import { sessionReceived, signedOut } from './authSlice';

export type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';

/** The only answers that mean the session is gone: everything else may pass, so it is retried. */
const SESSION_INVALID = new Set(['AUTH.REFRESH_INVALID', 'AUTH.REFRESH_REUSED', 'AUTH.REQUIRED']);

let inFlight: Promise<RefreshOutcome> | null = null;

async function codeOf(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Trades the httpOnly refresh cookie for a new access token. Concurrent callers share one request, because
 * the refresh token rotates on every use and a second parallel use would look like token reuse.
 * Only a 401 with a session code signs the user out; a 429, a 5xx, a proxy's 401 without one or a network
 * failure (offline) keeps the session and reports 'unreachable', for the caller to try again.
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
      if (res.status === 401 && SESSION_INVALID.has((await codeOf(res)) ?? '')) {
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
