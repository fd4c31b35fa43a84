import { combineSlices, configureStore, type Action, type ThunkAction } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';

import { apiSlice } from '../api/apiSlice';
import authSlice from '../features/auth/authSlice';
import outboxSlice from '../features/messages/outboxSlice';
import typingSlice from '../features/messages/typingSlice';
import presenceSlice from '../features/presence/presenceSlice';
import viewSlice from '../features/unread/viewSlice';
import connectionSlice from '../socket/connectionSlice';
import { listenerMiddleware } from './listeners';

const rootReducer = combineSlices(
  apiSlice,
  authSlice,
  outboxSlice,
  typingSlice,
  presenceSlice,
  connectionSlice,
  viewSlice,
);

export type RootState = ReturnType<typeof rootReducer>;

export function setupStore(preloadedState?: Partial<RootState>) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) =>
      getDefault().prepend(listenerMiddleware.middleware).concat(apiSlice.middleware),
  });
  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof setupStore>;
export type AppDispatch = AppStore['dispatch'];
export type AppThunk<R = void> = ThunkAction<R, RootState, unknown, Action>;
