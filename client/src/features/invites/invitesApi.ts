import { apiSlice } from '../../api/apiSlice';
import type {
  CreateInviteBody,
  Invite,
  InviteCreated,
  InvitePreview,
  Party,
  PublicInvitePreview,
} from '../../api/types';

export const inviteUrl = (code: string, origin = window.location.origin) =>
  `${origin}/invite/${encodeURIComponent(code)}`;

const invitesApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    createInvite: build.mutation<InviteCreated, { partyId: string } & CreateInviteBody>({
      query: ({ partyId, ...body }) => ({ url: `/api/parties/${partyId}/invites`, method: 'POST', body }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Invite', id: partyId }],
    }),
    /** A party's invites (admin+): uses, expiry, creator; revoked ones too. */
    getInvites: build.query<Invite[], string>({
      query: (partyId) => `/api/parties/${partyId}/invites`,
      providesTags: (_r, _e, partyId) => [{ type: 'Invite', id: partyId }],
    }),
    revokeInvite: build.mutation<void, { partyId: string; inviteId: string }>({
      query: ({ partyId, inviteId }) => ({
        url: `/api/parties/${partyId}/invites/${inviteId}`,
        method: 'DELETE',
      }),
      invalidatesTags: (_r, _e, { partyId }) => [{ type: 'Invite', id: partyId }],
    }),
    getInvitePreview: build.query<InvitePreview, string>({
      query: (code) => `/api/invites/${encodeURIComponent(code)}`,
      keepUnusedDataFor: 0,
    }),
    /**
     * What a signed-out visitor may see of an invite (the party's name and size, no ids): the public
     * preview route, a plain request without credentials or the re-auth dance.
     */
    getPublicInvitePreview: build.query<PublicInvitePreview, string>({
      async queryFn(code) {
        try {
          const res = await fetch(
            new URL(`/api/invites/${encodeURIComponent(code)}/preview`, window.location.origin),
            {
              headers: { accept: 'application/json' },
              credentials: 'omit',
            },
          );
          const data: unknown = await res.json().catch(() => undefined);
          return res.ok ? { data: data as PublicInvitePreview } : { error: { status: res.status, data } };
        } catch {
          return { error: { status: 'FETCH_ERROR', error: 'Cannot reach the server' } };
        }
      },
      keepUnusedDataFor: 0,
    }),
    acceptInvite: build.mutation<Party, string>({
      query: (code) => ({ url: `/api/invites/${encodeURIComponent(code)}/accept`, method: 'POST' }),
      invalidatesTags: [{ type: 'Party', id: 'LIST' }, 'Unread'],
    }),
  }),
});

export const {
  useCreateInviteMutation,
  useGetInvitesQuery,
  useRevokeInviteMutation,
  useGetInvitePreviewQuery,
  useGetPublicInvitePreviewQuery,
  useAcceptInviteMutation,
} = invitesApi;
