import { apiSlice } from '../../api/apiSlice';
import type { CreateInviteBody, InviteCreated, InvitePreview, Party } from '../../api/types';

export const inviteUrl = (code: string, origin = window.location.origin) =>
  `${origin}/invite/${encodeURIComponent(code)}`;

const invitesApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    createInvite: build.mutation<InviteCreated, { partyId: string } & CreateInviteBody>({
      query: ({ partyId, ...body }) => ({ url: `/api/parties/${partyId}/invites`, method: 'POST', body }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Invite', id: partyId }],
    }),
    getInvitePreview: build.query<InvitePreview, string>({
      query: (code) => `/api/invites/${encodeURIComponent(code)}`,
      keepUnusedDataFor: 0,
    }),
    acceptInvite: build.mutation<Party, string>({
      query: (code) => ({ url: `/api/invites/${encodeURIComponent(code)}/accept`, method: 'POST' }),
      invalidatesTags: [{ type: 'Party', id: 'LIST' }, 'Unread'],
    }),
  }),
});

export const { useCreateInviteMutation, useGetInvitePreviewQuery, useAcceptInviteMutation } = invitesApi;
