import { useEffect } from 'react';

import { apiSlice } from '../api/apiSlice';
import { useAppDispatch, useAppSelector, useAppStore } from '../app/hooks';
import { refreshAccessToken } from '../features/auth/refresh';
import { syncRequested } from '../features/messages/syncRequested';
import { typingEnded, typingReceived } from '../features/messages/typingSlice';
import { presenceChanged } from '../features/presence/presenceSlice';
import { browserOnlineChanged, connected, connecting, disconnected } from './connectionSlice';
import { onServerEvent } from './eventBus';
import { startSocket, stopSocket } from './socketClient';

/** One socket.io connection per signed-in user, started on sign-in and closed on sign-out. */
export function useRealtime() {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const userId = useAppSelector((s) => s.auth.user?.id);

  useEffect(() => {
    if (!userId) return;
    let connects = 0;
    startSocket({
      getToken: async () => {
        // A token about to expire would be refused (or cut off) at once: get a fresh one first.
        const { expiresAt } = store.getState().auth;
        if (!expiresAt || expiresAt - Date.now() < 30_000) await refreshAccessToken(dispatch);
        return store.getState().auth.accessToken;
      },
      refresh: async () => (await refreshAccessToken(dispatch)) === 'refreshed',
      onConnecting: () => dispatch(connecting()),
      onDisconnect: (willReconnect) => dispatch(disconnected({ willReconnect })),
      onBrowserOnline: (online) => dispatch(browserOnlineChanged(online)),
      onConnect: () => {
        connects += 1;
        dispatch(connected());
        // Fetch what the open topics missed, then refresh the lists whose events we may have missed too.
        dispatch(syncRequested({}));
        if (connects > 1) dispatch(apiSlice.util.invalidateTags(['Unread', 'Party', 'Topic', 'Member']));
      },
    });
    const offs = [
      onServerEvent('presence', (e) => dispatch(presenceChanged(e))),
      onServerEvent('typing', (e) => {
        if (e.userId !== userId) dispatch(typingReceived(e));
      }),
      onServerEvent('message:created', (m) => {
        if (m.author) dispatch(typingEnded({ topicId: m.topicId, userId: m.author.id }));
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      stopSocket();
    };
  }, [userId, dispatch, store]);
}

/** Refreshes the access token a minute before it expires, so requests and reconnects never carry a stale one. */
export function useTokenRefresh() {
  const dispatch = useAppDispatch();
  const expiresAt = useAppSelector((s) => s.auth.expiresAt);
  useEffect(() => {
    if (!expiresAt) return;
    const delay = Math.max(5_000, expiresAt - Date.now() - 60_000);
    const t = setTimeout(() => void refreshAccessToken(dispatch), delay);
    return () => clearTimeout(t);
  }, [expiresAt, dispatch]);
}
