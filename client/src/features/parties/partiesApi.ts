import { apiSlice } from '../../api/apiSlice';
import type { Party } from '../../api/types';
import { onServerEvent } from '../../socket/eventBus';

interface MeState {
  auth: { user: { id: string } | null };
}

export const partiesApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getParties: build.query<Party[], void>({
      query: () => '/api/parties',
      providesTags: (result = []) => [
        { type: 'Party', id: 'LIST' },
        ...result.map((p) => ({ type: 'Party' as const, id: p.id })),
      ],
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
          onServerEvent('party:updated', (p) =>
            updateCachedData((draft) => {
              const party = draft.find((x) => x.id === p.id);
              if (party)
                Object.assign(party, { name: p.name, memberCount: p.memberCount, ownerId: p.ownerId });
            }),
          ),
          onServerEvent('party:deleted', (e) =>
            updateCachedData((draft) => draft.filter((x) => x.id !== e.id)),
          ),
          onServerEvent('member:joined', (m) => {
            if (m.userId === meId()) dispatch(apiSlice.util.invalidateTags([{ type: 'Party', id: 'LIST' }]));
            else
              updateCachedData((draft) => {
                const party = draft.find((x) => x.id === m.partyId);
                if (party) party.memberCount += 1;
              });
          }),
          onServerEvent('member:updated', (m) =>
            updateCachedData((draft) => {
              const party = draft.find((x) => x.id === m.partyId);
              if (party && m.userId === meId()) party.myRole = m.role;
              if (party && m.role === 'owner') party.ownerId = m.userId;
            }),
          ),
          onServerEvent('member:left', (e) =>
            updateCachedData((draft) => {
              if (e.userId === meId()) return draft.filter((x) => x.id !== e.partyId);
              const party = draft.find((x) => x.id === e.partyId);
              if (party) party.memberCount = Math.max(0, party.memberCount - 1);
              return undefined;
            }),
          ),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
      },
    }),
    createParty: build.mutation<Party, { name: string }>({
      query: (body) => ({ url: '/api/parties', method: 'POST', body }),
      invalidatesTags: [{ type: 'Party', id: 'LIST' }, 'Unread'],
    }),
    renameParty: build.mutation<Party, { partyId: string; name: string }>({
      query: ({ partyId, name }) => ({ url: `/api/parties/${partyId}`, method: 'PATCH', body: { name } }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Party', id: partyId }],
    }),
    deleteParty: build.mutation<void, string>({
      query: (partyId) => ({ url: `/api/parties/${partyId}`, method: 'DELETE' }),
      invalidatesTags: [{ type: 'Party', id: 'LIST' }, 'Unread'],
    }),
    leaveParty: build.mutation<void, string>({
      query: (partyId) => ({ url: `/api/parties/${partyId}/leave`, method: 'POST' }),
      invalidatesTags: [{ type: 'Party', id: 'LIST' }, 'Unread'],
    }),
  }),
});

export const {
  useGetPartiesQuery,
  useCreatePartyMutation,
  useRenamePartyMutation,
  useDeletePartyMutation,
  useLeavePartyMutation,
} = partiesApi;
