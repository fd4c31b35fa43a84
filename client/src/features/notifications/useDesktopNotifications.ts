import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';

import type { Message } from '../../api/types';
import { useAppSelector, useAppStore } from '../../app/hooks';
import { onServerEvent } from '../../socket/eventBus';
import { selectConnectionEpoch } from '../../socket/connectionSlice';
import { partiesApi } from '../parties/partiesApi';
import { topicsApi } from '../topics/topicsApi';
import { unreadApi } from '../unread/unreadApi';
import { membersApi } from '../members/membersApi';
import { notificationExcerpt, showNotification } from './browserNotifications';
import { effectiveLevel, levelNotifies, mentionsMe } from './levels';
import { notificationsApi, useGetNotificationSettingsQuery } from './notificationsApi';

type State = ReturnType<ReturnType<typeof useAppStore>['getState']>;

/** What the notification says: who wrote, where, and the start of the text. */
function describe(state: State, m: Message) {
  const party = partiesApi.endpoints.getParties
    .select()(state)
    .data?.find((p) => p.id === m.partyId);
  const topic = topicsApi.endpoints.getTopics
    .select(m.partyId)(state)
    .data?.find((t) => t.id === m.topicId);
  const members = membersApi.endpoints.getMembers.select(m.partyId)(state).data;
  const nameOf = (id: string) => members?.find((x) => x.userId === id)?.displayName;
  const where = [topic ? `#${topic.name}` : null, party?.name].filter(Boolean).join(' · ');
  const author = m.author?.displayName ?? 'Someone';
  return { title: where ? `${author} in ${where}` : author, body: notificationExcerpt(m.body, nameOf) };
}

/**
 * While the tab is hidden, a message that my level for its topic lets through raises a browser
 * notification; clicking it brings the tab back at that message. Also keeps my settings fresh after a
 * reconnect (a `notify:updated` missed while offline).
 */
export function useDesktopNotifications() {
  const store = useAppStore();
  const navigate = useNavigate();
  const epoch = useAppSelector(selectConnectionEpoch);
  const { refetch } = useGetNotificationSettingsQuery();

  useEffect(() => {
    if (epoch > 1) void refetch().catch(() => undefined);
  }, [epoch, refetch]);

  useEffect(
    () =>
      onServerEvent('message:created', (m) => {
        if (typeof document === 'undefined' || document.visibilityState !== 'hidden') return;
        const state = store.getState();
        const meId = state.auth.user?.id;
        if (!meId || m.author?.id === meId || m.deletedAt) return;
        const settings = notificationsApi.endpoints.getNotificationSettings.select()(state).data;
        const entry = unreadApi.endpoints.getUnread.select()(state).data?.[m.topicId];
        // A message older than what I have read (a sync replay) is no news.
        if (entry && m.seq <= entry.lastReadSeq) return;
        const level = effectiveLevel(settings, m.partyId, m.topicId, entry?.level);
        if (!levelNotifies(level, mentionsMe(m, meId))) return;
        showNotification({
          ...describe(state, m),
          tag: m.id,
          onClick: () => navigate(`/parties/${m.partyId}/topics/${m.topicId}?message=${m.seq}`),
        });
      }),
    [store, navigate],
  );
}
