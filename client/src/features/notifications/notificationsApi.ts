import type {
  NotificationLevel,
  NotificationSettingsReply,
  PartyNotificationSetting,
  TopicNotificationLevel,
  TopicNotificationSetting,
} from '@partyline/contracts';

import { apiSlice } from '../../api/apiSlice';
import { onServerEvent } from '../../socket/eventBus';
import { applySetting, settingsFromReply, type NotificationSettings } from './levels';

/**
 * My notification levels, on the server so every device follows them; `notify:updated` keeps them live and
 * useDesktopNotifications refetches them after a reconnect.
 */
export const notificationsApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getNotificationSettings: build.query<NotificationSettings, void>({
      query: () => '/api/notification-settings',
      transformResponse: (reply: NotificationSettingsReply) => settingsFromReply(reply),
      async onCacheEntryAdded(_arg, { updateCachedData, cacheDataLoaded, cacheEntryRemoved }) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const off = onServerEvent('notify:updated', (e) => updateCachedData((d) => applySetting(d, e)));
        await cacheEntryRemoved;
        off();
      },
    }),
    setPartyLevel: build.mutation<PartyNotificationSetting, { partyId: string; level: NotificationLevel }>({
      query: ({ partyId, level }) => ({
        url: `/api/parties/${partyId}/notification-settings`,
        method: 'PUT',
        body: { level },
      }),
      onQueryStarted: ({ partyId, level }, api) =>
        optimistic(api, (d) => applySetting(d, { partyId, topicId: null, level })),
    }),
    setTopicLevel: build.mutation<
      TopicNotificationSetting,
      { partyId: string; topicId: string; level: TopicNotificationLevel }
    >({
      query: ({ topicId, level }) => ({
        url: `/api/topics/${topicId}/notification-settings`,
        method: 'PUT',
        body: { level },
      }),
      onQueryStarted: ({ partyId, topicId, level }, api) =>
        optimistic(api, (d) => applySetting(d, { partyId, topicId, level })),
    }),
  }),
});

type MutationApi = {
  dispatch: (action: unknown) => unknown;
  queryFulfilled: Promise<unknown>;
};

/** Shown at once; undone if the server refuses. */
async function optimistic(
  { dispatch, queryFulfilled }: MutationApi,
  recipe: (d: NotificationSettings) => void,
) {
  const patch = dispatch(
    notificationsApi.util.updateQueryData('getNotificationSettings', undefined, recipe),
  ) as { undo: () => void };
  try {
    await queryFulfilled;
  } catch {
    patch.undo();
  }
}

export const { useGetNotificationSettingsQuery, useSetPartyLevelMutation, useSetTopicLevelMutation } =
  notificationsApi;
