import { apiSlice } from '../../api/apiSlice';
import type { UnreadReply } from '../../api/types';
import { onServerEvent } from '../../socket/eventBus';
import { applyDeletedMessage, applyIncomingMessage, applyReadMark, type UnreadMap } from './unreadLogic';
import { isReadingLive } from './viewSlice';

/** After a partial read with mentions only the server can place, ask it for the counts (once per burst). */
const RECOUNT_AFTER_MS = 1_500;
let recountTimer: ReturnType<typeof setTimeout> | undefined;
function recountSoon(dispatch: (action: unknown) => unknown) {
  clearTimeout(recountTimer);
  recountTimer = setTimeout(() => dispatch(apiSlice.util.invalidateTags(['Unread'])), RECOUNT_AFTER_MS);
}

interface MeState {
  auth: { user: { id: string } | null };
  view: { topicId: string | null; atBottom: boolean };
}

export const unreadApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getUnread: build.query<UnreadMap, void>({
      query: () => '/api/unread',
      transformResponse: (reply: UnreadReply) => Object.fromEntries(reply.topics.map((t) => [t.topicId, t])),
      providesTags: ['Unread'],
      async onCacheEntryAdded(
        _arg,
        { updateCachedData, cacheDataLoaded, cacheEntryRemoved, getState, dispatch },
      ) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const meId = () => (getState() as unknown as MeState).auth.user?.id;
        const offs = [
          onServerEvent('message:created', (m) =>
            updateCachedData((d) => {
              applyIncomingMessage(d, m, meId());
              // On screen at the newest message: read at once (the pane tells the server).
              if (isReadingLive(getState() as unknown as MeState, m.topicId))
                applyReadMark(d, m.topicId, m.seq);
            }),
          ),
          onServerEvent('read:updated', (e) =>
            updateCachedData((d) => {
              if (applyReadMark(d, e.topicId, e.seq)) recountSoon(dispatch);
            }),
          ),
          onServerEvent('message:deleted', (e) =>
            updateCachedData((d) => applyDeletedMessage(d, e.topicId, e.seq)),
          ),
          onServerEvent('topic:deleted', (e) =>
            updateCachedData((d) => {
              delete d[e.id];
            }),
          ),
          onServerEvent('party:deleted', (e) =>
            updateCachedData((d) => {
              for (const [topicId, entry] of Object.entries(d)) if (entry.partyId === e.id) delete d[topicId];
            }),
          ),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
      },
    }),
    markRead: build.mutation<void, { topicId: string; seq: number }>({
      query: ({ topicId, seq }) => ({ url: `/api/topics/${topicId}/read`, method: 'PUT', body: { seq } }),
      async onQueryStarted({ topicId, seq }, { dispatch, queryFulfilled }) {
        let recount = false;
        const patch = dispatch(
          unreadApi.util.updateQueryData('getUnread', undefined, (d) => {
            recount = applyReadMark(d, topicId, seq);
          }),
        );
        try {
          await queryFulfilled;
          if (recount) recountSoon(dispatch);
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const { useGetUnreadQuery, useMarkReadMutation } = unreadApi;
