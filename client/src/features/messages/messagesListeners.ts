import type { AppStartListening } from '../../app/listenerMiddleware';
import { connected } from '../../socket/connectionSlice';
import { pumpOutbox } from './sendThunks';
import { createSyncCoalescer, type SyncCoalescer } from './syncCoalescer';
import { performSync } from './syncThunks';
import { syncRequested } from './syncRequested';

// One coalescer per store (the listeners are registered once per module load and shared by every store).
const coalescers = new WeakMap<object, SyncCoalescer>();

export function addMessagesListeners(startAppListening: AppStartListening) {
  // Gap reports (after the reorder window gave up) and reconnects become one sync in flight at a time,
  // a few per second at most, of the topics asked for since the last one.
  startAppListening({
    actionCreator: syncRequested,
    effect: (action, api) => {
      let coalescer = coalescers.get(api.dispatch);
      if (!coalescer) {
        coalescer = createSyncCoalescer({ run: (topicIds) => api.dispatch(performSync(topicIds)) });
        coalescers.set(api.dispatch, coalescer);
      }
      coalescer.request(action.payload.topicIds);
    },
  });

  // Queued sends go out by themselves when the connection is back (sending and Retry start the pump too).
  startAppListening({
    actionCreator: connected,
    effect: (_action, api) => void api.dispatch(pumpOutbox()),
  });
}
