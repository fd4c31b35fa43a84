import { HISTORY_PAGE_DEFAULT } from '@partyline/contracts/limits';

import { apiSlice } from '../../api/apiSlice';
import type { HistoryReply, Message } from '../../api/types';
import { onServerEvent } from '../../socket/eventBus';
import { messageStored } from './messageStored';
import { applyDeleted, fromHistory, messagesAdapter, type TopicMessages } from './messagesAdapter';

export interface HistoryArgs {
  topicId: string;
  before?: number;
  after?: number;
  around?: number;
}

export const messagesApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    /** The live window of a topic: the newest page first, grown by paging and fed by the socket. */
    getMessages: build.query<TopicMessages, string>({
      query: (topicId) => ({
        url: `/api/topics/${topicId}/messages`,
        params: { limit: HISTORY_PAGE_DEFAULT },
      }),
      transformResponse: (reply: HistoryReply) => fromHistory(reply),
      providesTags: (_r, _e, topicId) => [{ type: 'Message', id: topicId }],
      keepUnusedDataFor: 600,
      async onCacheEntryAdded(topicId, { updateCachedData, cacheDataLoaded, cacheEntryRemoved, dispatch }) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const offs = [
          onServerEvent('message:created', (message) => {
            if (message.topicId === topicId) messageStored(message, updateCachedData, dispatch);
          }),
          onServerEvent('message:updated', (message) => {
            if (message.topicId !== topicId) return;
            updateCachedData((draft) => {
              if (draft.entities[message.id]) messagesAdapter.upsertOne(draft, message);
            });
          }),
          onServerEvent('message:deleted', (event) => {
            if (event.topicId !== topicId) return;
            updateCachedData((draft) => applyDeleted(draft, event));
          }),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
      },
    }),
    /** One page of history, merged into getMessages by the paging thunks; not cached on its own. */
    getHistoryPage: build.query<HistoryReply, HistoryArgs>({
      query: ({ topicId, ...params }) => ({
        url: `/api/topics/${topicId}/messages`,
        params: { ...params, limit: HISTORY_PAGE_DEFAULT },
      }),
      keepUnusedDataFor: 0,
    }),
    postMessage: build.mutation<Message, { topicId: string; body: string; nonce: string }>({
      query: ({ topicId, ...body }) => ({ url: `/api/topics/${topicId}/messages`, method: 'POST', body }),
    }),
    editMessage: build.mutation<Message, { messageId: string; topicId: string; body: string }>({
      query: ({ messageId, body }) => ({
        url: `/api/messages/${messageId}`,
        method: 'PATCH',
        body: { body },
      }),
      async onQueryStarted({ topicId }, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled;
        dispatch(
          messagesApi.util.updateQueryData('getMessages', topicId, (draft) => {
            if (draft.entities[data.id]) messagesAdapter.upsertOne(draft, data);
          }),
        );
      },
    }),
    deleteMessage: build.mutation<void, { messageId: string; topicId: string }>({
      query: ({ messageId }) => ({ url: `/api/messages/${messageId}`, method: 'DELETE' }),
      async onQueryStarted({ messageId, topicId }, { dispatch, queryFulfilled }) {
        await queryFulfilled;
        dispatch(
          messagesApi.util.updateQueryData('getMessages', topicId, (draft) =>
            applyDeleted(draft, { id: messageId, seq: 0 }),
          ),
        );
      },
    }),
  }),
});

export const { useGetMessagesQuery, useEditMessageMutation, useDeleteMessageMutation } = messagesApi;
