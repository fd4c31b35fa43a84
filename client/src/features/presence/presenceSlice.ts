import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

import type { PresenceEvent } from '../../api/types';
import { signedOut } from '../auth/authSlice';

interface PresenceState {
  /** partyId → userId → online */
  byParty: Record<string, Record<string, boolean>>;
}

const initialState: PresenceState = { byParty: {} };

const presenceSlice = createSlice({
  name: 'presence',
  initialState,
  reducers: {
    presenceListed(state, action: PayloadAction<{ partyId: string; online: string[] }>) {
      const { partyId, online } = action.payload;
      state.byParty[partyId] = Object.fromEntries(online.map((id) => [id, true]));
    },
    presenceChanged(state, action: PayloadAction<PresenceEvent>) {
      const { partyId, userId, online } = action.payload;
      (state.byParty[partyId] ??= {})[userId] = online;
    },
  },
  extraReducers: (builder) => builder.addCase(signedOut, () => initialState),
});

export const { presenceListed, presenceChanged } = presenceSlice.actions;

export const selectPartyPresence = (state: { presence: PresenceState }, partyId: string) =>
  state.presence.byParty[partyId];

export default presenceSlice;
