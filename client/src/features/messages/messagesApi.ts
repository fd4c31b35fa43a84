import type { FetchBaseQueryError, FetchBaseQueryMeta } from '@reduxjs/toolkit/query';
import { HISTORY_PAGE_DEFAULT } from '@partyline/contracts/limits';

import { apiSlice } from '../../api/apiSlice';
import type { HistoryReply, Message } from '../../api/types';
import { onServerEvent } from '../../socket/eventBus';
import { firstUnreadSeq, type UnreadMap } from '../unread/unreadLogic';
import { unreadApi } from '../unread/unreadApi';
import { openTopicOrder } from './liveOrder';
import { messageStored } from './messageStored';
import {
  applyChanged,
  applyDeleted,
  applyReactions,
  fromHistory,
  maxSeq,
  type TopicMessages,
} from './messagesAdapter';
import { firstUnreadBefore, openingQuery } from './openingPage';
import { createReorderWindow } from './reorderWindow';
import { syncRequested } from './syncRequested';

export interface HistoryArgs {
  topicId: string;
  before?: number;
  after?: number;
  around?: number;
  /** Messages per page; HISTORY_PAGE_DEFAULT when left out. */
  limit?: number;
}

type Page = { data: HistoryReply } | { error: FetchBaseQueryError };

export const messagesApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    /**
     * The live window of a topic, fed by the socket. It opens at the first unread message (loaded around
     * it when it is older than the newest page) or at the newest page. The unread counts are read from the
     * cache when there, else fetched alongside the newest page, so opening costs no extra round trip
     * unless the unread backlog is longer than a page.
     */
    getMessages: build.query<TopicMessages, string>({
      async queryFn(topicId, api, _extra, baseQuery) {
        const url = `/api/topics/${topicId}/messages`;
        const page = async (params: object): Promise<Page> => {
          const r = await baseQuery({ url, params: { ...params, limit: HISTORY_PAGE_DEFAULT } });
          return r.error ? { error: r.error } : { data: r.data as HistoryReply };
        };
        const done = (r: Page, unread: UnreadMap | undefined, around?: number) =>
          'error' in r
            ? r
            : {
                data: fromHistory(r.data, {
                  anchor: around ?? firstUnreadSeq(unread?.[topicId]),
                }),
              };

        const cached = unreadApi.endpoints.getUnread.select()(api.getState() as never).data;
        if (cached) {
          const query = openingQuery(cached, topicId);
          return done(await page(query), cached, 'around' in query ? query.around : undefined);
        }
        const sub = api.dispatch(unreadApi.endpoints.getUnread.initiate());
        try {
          const [latest, unread] = await Promise.all([page({}), sub.unwrap().catch(() => undefined)]);
          const around = 'data' in latest ? firstUnreadBefore(unread, topicId, latest.data) : null;
          if (around === null) return done(latest, unread);
          return done(await page({ around }), unread, around);
        } finally {
          sub.unsubscribe();
        }
      },
      providesTags: (_r, _e, topicId) => [{ type: 'Message', id: topicId }],
      keepUnusedDataFor: 600,
      async onCacheEntryAdded(
        topicId,
        { updateCachedData, cacheDataLoaded, cacheEntryRemoved, dispatch, getCacheEntry },
      ) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const order = createReorderWindow<Message>({
          // A window that does not reach the present takes no live messages: nothing to wait for.
          lastSeq: () => {
            const w = getCacheEntry().data;
            return w && !w.hasNewer ? maxSeq(w) : null;
          },
          apply: (message) => messageStored(message, updateCachedData, dispatch),
          onGap: () => dispatch(syncRequested({ topicIds: [topicId] })),
        });
        const closeOrder = openTopicOrder(topicId, order);
        const offs = [
          onServerEvent('message:created', (message) => {
            if (message.topicId === topicId) order.push(message);
          }),
          onServerEvent('message:updated', (message) => {
            if (message.topicId !== topicId) return;
            updateCachedData((draft) => applyChanged(draft, message));
          }),
          onServerEvent('message:deleted', (event) => {
            if (event.topicId !== topicId) return;
            updateCachedData((draft) => applyDeleted(draft, event));
          }),
          onServerEvent('message:reactions', (event) => {
            if (event.topicId !== topicId) return;
            updateCachedData((draft) => applyReactions(draft, event));
          }),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
        closeOrder();
      },
    }),
    /** One page of history, merged into getMessages by the paging thunks; not cached on its own. */
    getHistoryPage: build.query<HistoryReply, HistoryArgs>({
      query: ({ topicId, limit = HISTORY_PAGE_DEFAULT, ...params }) => ({
        url: `/api/topics/${topicId}/messages`,
        params: { ...params, limit },
      }),
      keepUnusedDataFor: 0,
    }),
    postMessage: build.mutation<
      Message,
      { topicId: string; body: string; nonce: string; replyToId?: string }
    >({
      query: ({ topicId, ...body }) => ({ url: `/api/topics/${topicId}/messages`, method: 'POST', body }),
      // Keeps the server's wait (429, 503) for the outbox, which retries after it.
      transformErrorResponse: (error, meta) => ({
        ...error,
        retryAfter: (meta as FetchBaseQueryMeta | undefined)?.response?.headers.get('Retry-After') ?? null,
      }),
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
          messagesApi.util.updateQueryData('getMessages', topicId, (draft) => applyChanged(draft, data)),
        );
      },
    }),
    deleteMessage: build.mutation<void, { messageId: string; topicId: string }>({
      query: ({ messageId }) => ({ url: `/api/messages/${messageId}`, method: 'DELETE' }),
      async onQueryStarted({ messageId, topicId }, { dispatch, queryFulfilled }) {
        await queryFulfilled;
        dispatch(
          messagesApi.util.updateQueryData('getMessages', topicId, (draft) =>
            applyDeleted(draft, { id: messageId }),
          ),
        );
      },
    }),
  }),
});

export const { useGetMessagesQuery, useEditMessageMutation, useDeleteMessageMutation } = messagesApi;
