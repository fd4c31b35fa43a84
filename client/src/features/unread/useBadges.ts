import { useMemo } from 'react';

import { useGetNotificationSettingsQuery } from '../notifications/notificationsApi';
import { computeBadges, type AllBadges } from './badges';
import { useGetUnreadQuery } from './unreadApi';

/** The app's badges, recomputed only when the unread state or my levels change. */
export function useBadges(): AllBadges {
  const { data: unread } = useGetUnreadQuery();
  const { data: settings } = useGetNotificationSettingsQuery();
  return useMemo(() => computeBadges(unread, settings), [unread, settings]);
}
