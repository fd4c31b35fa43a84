import { MenuItem, MenuItemOption, MenuOptionGroup, useToast } from '@chakra-ui/react';
import type { NotificationLevel, TopicNotificationLevel } from '@partyline/contracts';
import { useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import { notificationPermission, requestNotificationPermission } from './browserNotifications';
import { partyLevel, topicSetting } from './levels';
import {
  useGetNotificationSettingsQuery,
  useSetPartyLevelMutation,
  useSetTopicLevelMutation,
} from './notificationsApi';

export const LEVEL_LABEL: Record<NotificationLevel, string> = {
  all: 'All messages',
  mentions: 'Mentions only',
  none: 'Nothing',
};
const LEVELS: NotificationLevel[] = ['all', 'mentions', 'none'];

function useSaveFailed() {
  const toast = useToast();
  return (err: unknown) =>
    toast({ status: 'error', title: `Notification setting not saved: ${errorMessage(err)}` });
}

/** The party menu's radio group: what I hear of this party's topics unless a topic says otherwise. */
export function PartyNotificationOptions({ partyId }: { partyId: string }) {
  const { data: settings } = useGetNotificationSettingsQuery();
  const [save] = useSetPartyLevelMutation();
  const failed = useSaveFailed();
  return (
    <MenuOptionGroup
      title="Notifications"
      type="radio"
      value={partyLevel(settings, partyId)}
      onChange={(v) =>
        save({ partyId, level: v as NotificationLevel })
          .unwrap()
          .catch(failed)
      }
    >
      {LEVELS.map((l) => (
        <MenuItemOption key={l} value={l} closeOnSelect>
          {LEVEL_LABEL[l]}
        </MenuItemOption>
      ))}
    </MenuOptionGroup>
  );
}

/** A topic's own level, or the party's ("Use party default", which names what that is now). */
export function TopicNotificationOptions({ partyId, topicId }: { partyId: string; topicId: string }) {
  const { data: settings } = useGetNotificationSettingsQuery();
  const [save] = useSetTopicLevelMutation();
  const failed = useSaveFailed();
  return (
    <MenuOptionGroup
      title="Notifications"
      type="radio"
      value={topicSetting(settings, topicId)}
      onChange={(v) =>
        save({ partyId, topicId, level: v as TopicNotificationLevel })
          .unwrap()
          .catch(failed)
      }
    >
      <MenuItemOption value="inherit" closeOnSelect>
        Use party default ({LEVEL_LABEL[partyLevel(settings, partyId)]})
      </MenuItemOption>
      {LEVELS.map((l) => (
        <MenuItemOption key={l} value={l} closeOnSelect>
          {LEVEL_LABEL[l]}
        </MenuItemOption>
      ))}
    </MenuOptionGroup>
  );
}

/** Desktop notifications from the menu: the browser's prompt only when the user asks for it here. */
export function DesktopNotificationsItem() {
  const [permission, setPermission] = useState(notificationPermission);
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied')
    return <MenuItem isDisabled>Desktop notifications are blocked in this browser</MenuItem>;
  return (
    <MenuItem onClick={() => void requestNotificationPermission().then(setPermission)}>
      Turn on desktop notifications
    </MenuItem>
  );
}
