import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

import type { Me, Session } from '../../api/types';

type AuthStatus = 'unknown' | 'authenticated' | 'anonymous';

export interface AuthState {
  /** The access token lives here, in memory only: never in localStorage. */
  accessToken: string | null;
  /** Epoch ms when the access token expires (client clock). */
  expiresAt: number | null;
  user: Me | null;
  status: AuthStatus;
  /** While the session cannot be restored for now (offline, 503): when the next attempt is due. */
  restoreRetryAt?: number;
}

const initialState: AuthState = { accessToken: null, expiresAt: null, user: null, status: 'unknown' };

const authSlice = createSlice({
  name: 'auth',
  initialState,
  reducers: {
    sessionReceived(state, action: PayloadAction<Session & { receivedAt?: number }>) {
      const { accessToken, expiresIn, user, receivedAt } = action.payload;
      state.accessToken = accessToken;
      state.expiresAt = (receivedAt ?? Date.now()) + expiresIn * 1000;
      state.user = user;
      state.status = 'authenticated';
      delete state.restoreRetryAt;
    },
    sessionRestoreDeferred(state, action: PayloadAction<{ retryAt: number }>) {
      state.restoreRetryAt = action.payload.retryAt;
    },
    /** My own profile changed (here, or on another device through `member:updated`). */
    profileChanged(
      state,
      action: PayloadAction<Partial<Pick<Me, 'displayName' | 'username' | 'avatarUrl'>>>,
    ) {
      if (state.user) Object.assign(state.user, action.payload);
    },
    signedOut() {
      return { ...initialState, status: 'anonymous' as const };
    },
  },
  selectors: {
    selectAccessToken: (state) => state.accessToken,
    selectCurrentUser: (state) => state.user,
    selectAuthStatus: (state) => state.status,
    selectRestoreRetryAt: (state) => state.restoreRetryAt,
  },
});

export const { sessionReceived, sessionRestoreDeferred, profileChanged, signedOut } = authSlice.actions;
export const { selectAccessToken, selectCurrentUser, selectAuthStatus, selectRestoreRetryAt } =
  authSlice.selectors;
export default authSlice;
