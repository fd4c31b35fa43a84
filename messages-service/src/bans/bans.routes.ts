// Bans of a party (admin+). Non-members get 404 PARTY.NOT_FOUND; members without the role get 403.
import { Ban, BanParams, CreateBanBody, PartyParams, z } from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentBan } from './bans.presenter.js';
import type { BansService } from './bans.service.js';

// Documented with the party routes they belong to.
const tag = 'parties';
const needsRole = {
  404: 'Not a member, or no such party (PARTY.NOT_FOUND)',
  403: 'Your role does not allow this (PARTY.FORBIDDEN, MEMBER.FORBIDDEN)',
} as const;

export const banRoutes = (bans: BansService): AnyRouteDef[] => [
  defineRoute({
    method: 'post',
    path: '/api/parties/:partyId/bans',
    summary: 'Ban a user (removes them if they are a member of a lower role) (admin+)',
    tag,
    request: { params: PartyParams, body: CreateBanBody },
    status: 204,
    errors: needsRole,
    handle: (actor, { params, body }) => bans.ban(actor, params.partyId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/parties/:partyId/bans',
    summary: 'Bans of a party (admin+)',
    tag,
    request: { params: PartyParams },
    status: 200,
    reply: z.array(Ban),
    errors: needsRole,
    handle: async (actor, { params }) => (await bans.list(actor, params.partyId)).map(presentBan),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/parties/:partyId/bans/:userId',
    summary: 'Lift a ban (admin+)',
    tag,
    request: { params: BanParams },
    status: 204,
    errors: needsRole,
    handle: (actor, { params }) => bans.unban(actor, params.partyId, params.userId),
  }),
];
