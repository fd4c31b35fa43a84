import { apiSlice } from '../../api/apiSlice';
import type { Topic } from '../../api/types';
import { onServerEvent } from '../../socket/eventBus';

const byPosition = (a: Topic, b: Topic) => a.position - b.position || a.createdAt.localeCompare(b.createdAt);

export const topicsApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getTopics: build.query<Topic[], string>({
      query: (partyId) => `/api/parties/${partyId}/topics`,
      providesTags: (_r, _e, partyId) => [{ type: 'Topic', id: partyId }],
      async onCacheEntryAdded(partyId, { updateCachedData, cacheDataLoaded, cacheEntryRemoved }) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const upsert = (t: Topic) =>
          updateCachedData((draft) => {
            const i = draft.findIndex((x) => x.id === t.id);
            if (i >= 0) draft[i] = t;
            else draft.push(t);
            draft.sort(byPosition);
          });
        const offs = [
          onServerEvent('topic:created', (t) => t.partyId === partyId && upsert(t)),
          onServerEvent('topic:updated', (t) => t.partyId === partyId && upsert(t)),
          onServerEvent('topic:deleted', (e) => {
            if (e.partyId === partyId) updateCachedData((draft) => draft.filter((t) => t.id !== e.id));
          }),
          onServerEvent('message:created', (m) => {
            if (m.partyId !== partyId) return;
            updateCachedData((draft) => {
              const topic = draft.find((t) => t.id === m.topicId);
              if (topic && m.seq > topic.lastSeq) topic.lastSeq = m.seq;
            });
          }),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
      },
    }),
    createTopic: build.mutation<Topic, { partyId: string; name: string }>({
      query: ({ partyId, name }) => ({
        url: `/api/parties/${partyId}/topics`,
        method: 'POST',
        body: { name },
      }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Topic', id: partyId }],
    }),
    renameTopic: build.mutation<Topic, { partyId: string; topicId: string; name: string }>({
      query: ({ partyId, topicId, name }) => ({
        url: `/api/parties/${partyId}/topics/${topicId}`,
        method: 'PATCH',
        body: { name },
      }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Topic', id: partyId }],
    }),
    deleteTopic: build.mutation<void, { partyId: string; topicId: string }>({
      query: ({ partyId, topicId }) => ({
        url: `/api/parties/${partyId}/topics/${topicId}`,
        method: 'DELETE',
      }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Topic', id: partyId }, 'Unread'],
    }),
  }),
});

export const { useGetTopicsQuery, useCreateTopicMutation, useRenameTopicMutation, useDeleteTopicMutation } =
  topicsApi;
