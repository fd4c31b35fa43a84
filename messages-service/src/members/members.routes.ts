// Members of a party. Non-members get 404 PARTY.NOT_FOUND; members without the role get 403 (PARTY.FORBIDDEN,
// or MEMBER.FORBIDDEN for acting on a higher role).
import { Member, MemberParams, PartyParams, UpdateMemberBody, z } from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentMember } from './members.presenter.js';
import type { MembersService } from './members.service.js';

// Documented with the party routes they belong to.
const tag = 'parties';
const notMember = { 404: 'Not a member, or no such party (PARTY.NOT_FOUND)' } as const;
const needsRole = {
  ...notMember,
  403: 'Your role does not allow this (PARTY.FORBIDDEN, MEMBER.FORBIDDEN)',
} as const;

export const memberRoutes = (members: MembersService): AnyRouteDef[] => [
  defineRoute({
    method: 'post',
    path: '/api/parties/:partyId/leave',
    summary: 'Leave a party (the owner must transfer ownership first)',
    tag,
    request: { params: PartyParams },
    status: 204,
    errors: { ...notMember, 409: 'The owner must transfer ownership first (PARTY.OWNER_MUST_TRANSFER)' },
    handle: (actor, { params }) => members.leave(actor, params.partyId),
  }),
  defineRoute({
    method: 'get',
    path: '/api/parties/:partyId/members',
    summary: 'Members of a party',
    tag,
    request: { params: PartyParams },
    status: 200,
    reply: z.array(Member),
    errors: notMember,
    handle: async (actor, { params }) => (await members.list(actor, params.partyId)).map(presentMember),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/parties/:partyId/members/:userId',
    summary:
      "Change a member's role (admin+; only the owner grants admin or owner; owner transfers ownership)",
    tag,
    request: { params: MemberParams, body: UpdateMemberBody },
    status: 200,
    reply: Member,
    errors: { ...needsRole, 409: "The owner's role changes only by transfer (PARTY.OWNER_MUST_TRANSFER)" },
    handle: async (actor, { params, body }) =>
      presentMember(await members.changeRole(actor, params.partyId, params.userId, body.role)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/parties/:partyId/members/:userId',
    summary: 'Remove a member of a lower role (admin+)',
    tag,
    request: { params: MemberParams },
    status: 204,
    errors: needsRole,
    handle: (actor, { params }) => members.remove(actor, params.partyId, params.userId),
  }),
];
