import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

interface ConnectionState {
  status: ConnectionStatus;
  /** Bumped on every (re)connect so views can re-ask for state that only lives on the socket (presence). */
  epoch: number;
}

const initialState: ConnectionState = { status: 'idle', epoch: 0 };

const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {
    connecting(state) {
      state.status = 'connecting';
    },
    connected(state) {
      state.status = 'connected';
      state.epoch += 1;
    },
    disconnected(state, action: PayloadAction<{ willReconnect: boolean }>) {
      state.status = action.payload.willReconnect ? 'reconnecting' : 'idle';
    },
  },
  selectors: {
    selectConnectionStatus: (s) => s.status,
    selectConnectionEpoch: (s) => s.epoch,
  },
});

export const { connecting, connected, disconnected } = connectionSlice.actions;
export const { selectConnectionStatus, selectConnectionEpoch } = connectionSlice.selectors;
export default connectionSlice;
