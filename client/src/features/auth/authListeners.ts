import { apiSlice } from '../../api/apiSlice';
import type { AppStartListening } from '../../app/listenerMiddleware';
import { stopSocket } from '../../socket/socketClient';
import { clearDrafts } from '../messages/drafts';
import { signedOut } from './authSlice';

export function addAuthListeners(startAppListening: AppStartListening) {
  // Signing out drops everything that belonged to the session: the socket, every cached reply, and the
  // unsent drafts of the tab (with the uploads they name), so the next person at this browser sees none.
  startAppListening({
    actionCreator: signedOut,
    effect: (_action, api) => {
      stopSocket();
      clearDrafts();
      api.dispatch(apiSlice.util.resetApiState());
    },
  });
}
