import type { AppStartListening } from '../../app/listenerMiddleware';
import { performSync } from './syncThunks';
import { syncRequested } from './syncRequested';

export function addMessagesListeners(startAppListening: AppStartListening) {
  // Gap reports arrive in bursts (one per missed live message); coalesce them into one sync of every live
  // window per short interval (a cancelled request's topics are covered by syncing them all).
  startAppListening({
    actionCreator: syncRequested,
    effect: async (_action, api) => {
      api.cancelActiveListeners();
      await api.delay(150);
      await api.dispatch(performSync());
    },
  });
}
