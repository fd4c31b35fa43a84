import { apiSlice } from '../../api/apiSlice';
import type { Ban } from '../../api/types';

const bansApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getBans: build.query<Ban[], string>({
      query: (partyId) => `/api/parties/${partyId}/bans`,
      providesTags: (_r, _e, partyId) => [{ type: 'Member', id: `bans-${partyId}` }],
    }),
    /** Bans a user; a member of a lower role is removed from the party too. */
    banUser: build.mutation<void, { partyId: string; userId: string; reason?: string }>({
      query: ({ partyId, ...body }) => ({ url: `/api/parties/${partyId}/bans`, method: 'POST', body }),
      invalidatesTags: (_r, _e, { partyId }) => [
        { type: 'Member', id: `bans-${partyId}` },
        { type: 'Member', id: partyId },
        { type: 'Party', id: partyId },
      ],
    }),
    unbanUser: build.mutation<void, { partyId: string; userId: string }>({
      query: ({ partyId, userId }) => ({ url: `/api/parties/${partyId}/bans/${userId}`, method: 'DELETE' }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Member', id: `bans-${partyId}` }],
    }),
  }),
});

export const { useGetBansQuery, useBanUserMutation, useUnbanUserMutation } = bansApi;
