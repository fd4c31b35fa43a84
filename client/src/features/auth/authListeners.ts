import { apiSlice } from '../../api/apiSlice';
import type { AppStartListening } from '../../app/listenerMiddleware';
import { stopSocket } from '../../socket/socketClient';
import { signedOut } from './authSlice';

export function addAuthListeners(startAppListening: AppStartListening) {
  // Signing out drops everything that belonged to the session: the socket and every cached reply.
  startAppListening({
    actionCreator: signedOut,
    effect: (_action, api) => {
      stopSocket();
      api.dispatch(apiSlice.util.resetApiState());
    },
  });
}
