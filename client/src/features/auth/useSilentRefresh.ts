import { useEffect } from 'react';
import type { Store } from '@reduxjs/toolkit';

import { signedOut, type AuthState } from './authSlice';
import { refreshAccessToken } from './refresh';

/** Silent sign-in on load: the refresh cookie (if any) is traded for an access token held in memory. */
export function useSilentRefresh(store: Store<{ auth: AuthState }>) {
  useEffect(() => {
    if (store.getState().auth.status !== 'unknown') return;
    void refreshAccessToken(store.dispatch).then((outcome) => {
      if (outcome !== 'refreshed' && store.getState().auth.status === 'unknown') store.dispatch(signedOut());
    });
  }, [store]);
}
