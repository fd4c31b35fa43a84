import { createListenerMiddleware, type Action, type ThunkDispatch } from '@reduxjs/toolkit';

import { apiSlice } from '../api/apiSlice';
import { signedOut } from '../features/auth/authSlice';
import { syncRequested } from '../features/messages/messagesApi';
import { performSync } from '../features/messages/messagesThunks';
import { stopSocket } from '../socket/socketClient';
import type { RootState } from './store';

export const listenerMiddleware = createListenerMiddleware<
  RootState,
  ThunkDispatch<RootState, unknown, Action>
>();

// Signing out drops everything that belonged to the session: the socket and every cached reply.
listenerMiddleware.startListening({
  actionCreator: signedOut,
  effect: (_action, api) => {
    stopSocket();
    api.dispatch(apiSlice.util.resetApiState());
  },
});

// Gap reports arrive in bursts (one per missed live message); coalesce them into one sync of every live
// window per short interval (a cancelled request's topics are covered by syncing them all).
listenerMiddleware.startListening({
  actionCreator: syncRequested,
  effect: async (_action, api) => {
    api.cancelActiveListeners();
    await api.delay(150);
    await api.dispatch(performSync());
  },
});
