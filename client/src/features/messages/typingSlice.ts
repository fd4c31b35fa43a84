import { TYPING_TTL_MS } from '@partyline/contracts/limits';
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

import type { TypingEvent } from '../../api/types';
import { signedOut } from '../auth/authSlice';

interface Typer {
  displayName: string;
  /** Local clock, epoch ms. */
  until: number;
}

interface TypingState {
  /** topicId → userId → typer */
  byTopic: Record<string, Record<string, Typer>>;
}

const initialState: TypingState = { byTopic: {} };

const typingSlice = createSlice({
  name: 'typing',
  initialState,
  reducers: {
    typingReceived: {
      reducer(state, action: PayloadAction<{ event: TypingEvent; now: number }>) {
        const { event, now } = action.payload;
        // Trust the server's expiry but bound it, so a skewed clock can neither hide nor pin the notice.
        const remaining = Date.parse(event.expiresAt) - now;
        const ttl = Number.isFinite(remaining)
          ? Math.min(Math.max(remaining, 1_000), TYPING_TTL_MS)
          : TYPING_TTL_MS;
        (state.byTopic[event.topicId] ??= {})[event.userId] = {
          displayName: event.displayName,
          until: now + ttl,
        };
      },
      prepare: (event: TypingEvent, now = Date.now()) => ({ payload: { event, now } }),
    },
    typingEnded(state, action: PayloadAction<{ topicId: string; userId: string }>) {
      delete state.byTopic[action.payload.topicId]?.[action.payload.userId];
    },
    typingExpired(state, action: PayloadAction<number>) {
      for (const typers of Object.values(state.byTopic)) {
        for (const [userId, typer] of Object.entries(typers))
          if (typer.until <= action.payload) delete typers[userId];
      }
    },
  },
  extraReducers: (builder) => builder.addCase(signedOut, () => initialState),
});

export const { typingReceived, typingEnded, typingExpired } = typingSlice.actions;

/** Names of the people typing in a topic right now, me excluded. */
export function typersIn(
  state: { typing: TypingState },
  topicId: string,
  meId: string | undefined,
  now: number,
) {
  const typers = state.typing.byTopic[topicId];
  if (!typers) return [];
  return Object.entries(typers)
    .filter(([userId, t]) => userId !== meId && t.until > now)
    .map(([, t]) => t.displayName)
    .sort();
}

export function typingLabel(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

export default typingSlice;
