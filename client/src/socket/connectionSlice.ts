import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

interface ConnectionState {
  status: ConnectionStatus;
  /** The browser's own word (online/offline events): offline is shown at once, without waiting for a timeout. */
  browserOnline: boolean;
  /** Bumped on every (re)connect so views can re-ask for state that only lives on the socket (presence). */
  epoch: number;
}

const initialState: ConnectionState = {
  status: 'idle',
  browserOnline: typeof navigator === 'undefined' || navigator.onLine !== false,
  epoch: 0,
};

const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {
    connecting(state) {
      state.status = 'connecting';
    },
    connected(state) {
      state.status = 'connected';
      state.browserOnline = true;
      state.epoch += 1;
    },
    disconnected(state, action: PayloadAction<{ willReconnect: boolean }>) {
      state.status = action.payload.willReconnect ? 'reconnecting' : 'idle';
    },
    browserOnlineChanged(state, action: PayloadAction<boolean>) {
      state.browserOnline = action.payload;
      if (!action.payload && state.status === 'connected') state.status = 'reconnecting';
    },
  },
  selectors: {
    selectConnectionStatus: (s) => s.status,
    selectBrowserOnline: (s) => s.browserOnline,
    selectConnectionEpoch: (s) => s.epoch,
  },
});

export const { connecting, connected, disconnected, browserOnlineChanged } = connectionSlice.actions;
export const { selectConnectionStatus, selectBrowserOnline, selectConnectionEpoch } =
  connectionSlice.selectors;
export default connectionSlice;
