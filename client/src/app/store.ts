import { configureStore } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';

import { apiSlice } from '../api/apiSlice';
import { addAuthListeners } from '../features/auth/authListeners';
import { addMessagesListeners } from '../features/messages/messagesListeners';
import { listenerMiddleware, startAppListening } from './listenerMiddleware';
import { rootReducer, type RootState } from './rootReducer';

export type { RootState } from './rootReducer';

// The store is where the features meet: their slices in the root reducer, their listeners here. Registered
// once per module load, like the middleware itself, so every store made by setupStore shares them.
addAuthListeners(startAppListening);
addMessagesListeners(startAppListening);

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
