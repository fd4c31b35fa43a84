import { createListenerMiddleware } from '@reduxjs/toolkit';

import type { AppThunkDispatch, RootState } from './rootReducer';

// The one listener middleware of the store. It knows no feature: each feature exports an
// `add<Feature>Listeners(startAppListening)` from its own folder, and the store registers them.
export const listenerMiddleware = createListenerMiddleware();

export const startAppListening = listenerMiddleware.startListening.withTypes<RootState, AppThunkDispatch>();
export type AppStartListening = typeof startAppListening;
