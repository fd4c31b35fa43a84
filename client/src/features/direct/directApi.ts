import type {
  AddDirectParticipantsBody,
  CreateDirectBody,
  DirectContact,
  DirectConversation,
} from '@partyline/contracts';

import { apiSlice } from '../../api/apiSlice';
import { onServerEvent } from '../../socket/eventBus';

interface MeState {
  auth: { user: { id: string } | null };
}

// The conversations list is cached under the Party tag type (a conversation is a party of kind 'direct' on
// the server), with its own id so that party changes do not refetch it.
const LIST_TAG = { type: 'Party' as const, id: 'DIRECT' };

const newestFirst = (a: DirectConversation, b: DirectConversation) =>
  b.lastActivityAt.localeCompare(a.lastActivityAt) || a.id.localeCompare(b.id);

export const directApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getConversations: build.query<DirectConversation[], void>({
      query: () => '/api/direct',
      providesTags: [LIST_TAG],
      async onCacheEntryAdded(
        _arg,
        { updateCachedData, cacheDataLoaded, cacheEntryRemoved, getState, dispatch, getCacheEntry },
      ) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const meId = () => (getState() as unknown as MeState).auth.user?.id;
        const known = (partyId: string) => getCacheEntry().data?.some((c) => c.id === partyId) ?? false;
        const refetch = () => dispatch(apiSlice.util.invalidateTags([LIST_TAG]));
        const offs = [
          // I was put in a conversation (on any device, by anyone): the server has joined my sockets to
          // its room already; the list learns about it here. Someone new in one I know: refresh its people.
          onServerEvent('member:joined', (m) => {
            if (m.userId === meId() || known(m.partyId)) refetch();
          }),
          onServerEvent('member:updated', (m) =>
            updateCachedData((draft) => {
              for (const p of draft.find((c) => c.id === m.partyId)?.participants ?? []) {
                if (p.userId === m.userId)
                  Object.assign(p, {
                    displayName: m.displayName,
                    avatarUrl: m.avatarUrl,
                    username: m.username,
                  });
              }
            }),
          ),
          onServerEvent('member:left', (e) =>
            updateCachedData((draft) => {
              if (e.userId === meId()) return draft.filter((c) => c.id !== e.partyId);
              const c = draft.find((x) => x.id === e.partyId);
              if (c) c.participants = c.participants.filter((p) => p.userId !== e.userId);
              return undefined;
            }),
          ),
          onServerEvent('message:created', (m) =>
            updateCachedData((draft) => {
              const c = draft.find((x) => x.id === m.partyId);
              if (!c || m.createdAt <= c.lastActivityAt) return;
              c.lastActivityAt = m.createdAt;
              draft.sort(newestFirst);
            }),
          ),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
      },
    }),
    getContacts: build.query<DirectContact[], void>({
      query: () => '/api/direct/contacts',
      keepUnusedDataFor: 30,
    }),
    /** The 1:1 with one person or the group of these people, found or made; it lands in the list at once. */
    startConversation: build.mutation<DirectConversation, CreateDirectBody>({
      query: (body) => ({ url: '/api/direct', method: 'POST', body }),
      async onQueryStarted(_body, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(
            directApi.util.updateQueryData('getConversations', undefined, (draft) => {
              if (!draft.some((c) => c.id === data.id)) {
                draft.push(data);
                draft.sort(newestFirst);
              }
            }),
          );
        } catch {
          // The caller shows the refusal.
        }
      },
      invalidatesTags: ['Unread'],
    }),
    /** Adds people to a group; the cached conversation takes the reply's participants at once. */
    addParticipants: build.mutation<
      DirectConversation,
      { conversationId: string } & AddDirectParticipantsBody
    >({
      query: ({ conversationId, ...body }) => ({
        url: `/api/direct/${conversationId}/participants`,
        method: 'POST',
        body,
      }),
      async onQueryStarted({ conversationId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(
            directApi.util.updateQueryData('getConversations', undefined, (draft) => {
              const at = draft.findIndex((c) => c.id === conversationId);
              if (at >= 0) draft[at] = data;
            }),
          );
        } catch {
          // The caller shows the refusal.
        }
      },
    }),
    leaveConversation: build.mutation<void, string>({
      query: (conversationId) => ({ url: `/api/parties/${conversationId}/leave`, method: 'POST' }),
      invalidatesTags: [LIST_TAG, 'Unread'],
    }),
  }),
});

export const {
  useGetConversationsQuery,
  useGetContactsQuery,
  useStartConversationMutation,
  useAddParticipantsMutation,
  useLeaveConversationMutation,
} = directApi;

/** The others in a conversation (everyone but me); all of them when I am not listed. */
export function othersIn(conversation: DirectConversation, meId: string | undefined) {
  const others = conversation.participants.filter((p) => p.userId !== meId);
  return others.length > 0 ? others : conversation.participants;
}

/** What a conversation is called: the other person's name, or the first names of a group. */
export function conversationTitle(conversation: DirectConversation, meId: string | undefined): string {
  const names = othersIn(conversation, meId).map((p) => p.displayName || p.username || 'Someone');
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}
