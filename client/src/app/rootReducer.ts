import { combineSlices, type Action, type ThunkAction, type ThunkDispatch } from '@reduxjs/toolkit';

import { apiSlice } from '../api/apiSlice';
import authSlice from '../features/auth/authSlice';
import outboxSlice from '../features/messages/outboxSlice';
import typingSlice from '../features/messages/typingSlice';
import presenceSlice from '../features/presence/presenceSlice';
import viewSlice from '../features/unread/viewSlice';
import connectionSlice from '../socket/connectionSlice';

// The state's shape lives apart from the store so that thunks and listeners can be typed against it while
// the store imports them: store -> listeners -> thunks -> (types) rootReducer, and no arrow back.
export const rootReducer = combineSlices(
  apiSlice,
  authSlice,
  outboxSlice,
  typingSlice,
  presenceSlice,
  connectionSlice,
  viewSlice,
);

export type RootState = ReturnType<typeof rootReducer>;
export type AppThunk<R = void> = ThunkAction<R, RootState, unknown, Action>;
/** What thunks and listener effects dispatch with: every action, and thunks. */
export type AppThunkDispatch = ThunkDispatch<RootState, unknown, Action>;
