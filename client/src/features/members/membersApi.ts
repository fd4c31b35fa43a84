import { apiSlice } from '../../api/apiSlice';
import type { Member, Role } from '../../api/types';
import { onServerEvent } from '../../socket/eventBus';

export const ROLE_RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/** What my role lets me do to another member (the server checks again; this only hides what would fail). */
export function memberPermissions(myRole: Role | undefined, meId: string | undefined, target: Member) {
  const mine = myRole ? ROLE_RANK[myRole] : 0;
  const theirs = ROLE_RANK[target.role];
  const self = target.userId === meId;
  return {
    canRemove: !self && mine >= ROLE_RANK.admin && mine > theirs,
    // Only the owner grants admin or owner, and nobody changes the owner's role but by transfer.
    canChangeRole: !self && myRole === 'owner' && target.role !== 'owner',
  };
}

export const canManageParty = (role: Role | undefined) => role === 'owner' || role === 'admin';

export const membersApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getMembers: build.query<Member[], string>({
      query: (partyId) => `/api/parties/${partyId}/members`,
      providesTags: (_r, _e, partyId) => [{ type: 'Member', id: partyId }],
      async onCacheEntryAdded(partyId, { updateCachedData, cacheDataLoaded, cacheEntryRemoved }) {
        try {
          await cacheDataLoaded;
        } catch {
          return;
        }
        const upsert = (m: Member & { partyId: string }) => {
          if (m.partyId !== partyId) return;
          const { partyId: _p, ...member } = m;
          updateCachedData((draft) => {
            const i = draft.findIndex((x) => x.userId === member.userId);
            if (i >= 0) draft[i] = member;
            else draft.push(member);
          });
        };
        const offs = [
          onServerEvent('member:joined', upsert),
          onServerEvent('member:updated', upsert),
          onServerEvent('member:left', (e) => {
            if (e.partyId === partyId)
              updateCachedData((draft) => draft.filter((m) => m.userId !== e.userId));
          }),
        ];
        await cacheEntryRemoved;
        offs.forEach((off) => off());
      },
    }),
    changeRole: build.mutation<Member, { partyId: string; userId: string; role: Role }>({
      query: ({ partyId, userId, role }) => ({
        url: `/api/parties/${partyId}/members/${userId}`,
        method: 'PATCH',
        body: { role },
      }),
      invalidatesTags: (_r, _e, { partyId }) => [
        { type: 'Member', id: partyId },
        { type: 'Party', id: partyId },
      ],
    }),
    removeMember: build.mutation<void, { partyId: string; userId: string }>({
      query: ({ partyId, userId }) => ({
        url: `/api/parties/${partyId}/members/${userId}`,
        method: 'DELETE',
      }),
      invalidatesTags: (_r, _e, { partyId }) => [
        { type: 'Member', id: partyId },
        { type: 'Party', id: partyId },
      ],
    }),
  }),
});

export const { useGetMembersQuery, useChangeRoleMutation, useRemoveMemberMutation } = membersApi;
