// Invites. Managing them needs admin+ (non-members 404, members 403); previewing and accepting need only a
// signed-in user, are rate limited per user (429), and answer 404 INVITE.INVALID for any unusable code.
// The public preview (party name and size, for the invite page before sign-in) needs no sign-in and is
// rate limited per client address with the same budget.
import {
  CreateInviteBody,
  Invite,
  InviteCodeParams,
  InviteCreated,
  InviteParams,
  InvitePreview,
  Party,
  PartyParams,
  PublicInvitePreview,
  z,
} from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentParty } from '../parties/parties.presenter.js';
import {
  presentInvite,
  presentInviteCreated,
  presentInvitePreview,
  presentPublicInvitePreview,
} from './invites.presenter.js';
import type { InvitesService } from './invites.service.js';

const tag = 'invites';
const needsAdmin = {
  404: 'Not a member, or no such party (PARTY.NOT_FOUND)',
  403: 'Needs admin or owner (PARTY.FORBIDDEN)',
} as const;
const redeem = {
  404: 'Bad, expired, revoked or used-up code (INVITE.INVALID)',
  429: 'Too many tries (RATE_LIMITED)',
} as const;

export const inviteRoutes = (invites: InvitesService): AnyRouteDef[] => [
  defineRoute({
    method: 'post',
    path: '/api/parties/:partyId/invites',
    summary: 'Create an invite; the code is in this reply only (admin+)',
    tag,
    request: { params: PartyParams, body: CreateInviteBody },
    status: 201,
    reply: InviteCreated,
    errors: needsAdmin,
    handle: async (actor, { params, body }) =>
      presentInviteCreated(await invites.create(actor, params.partyId, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/parties/:partyId/invites',
    summary: 'Invites of a party (admin+)',
    tag,
    request: { params: PartyParams },
    status: 200,
    reply: z.array(Invite),
    errors: needsAdmin,
    handle: async (actor, { params }) => (await invites.list(actor, params.partyId)).map(presentInvite),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/parties/:partyId/invites/:inviteId',
    summary: 'Revoke an invite (admin+)',
    tag,
    request: { params: InviteParams },
    status: 204,
    errors: { ...needsAdmin, 404: 'No such invite or party (INVITE.INVALID, PARTY.NOT_FOUND)' },
    handle: (actor, { params }) => invites.revoke(actor, params.partyId, params.inviteId),
  }),
  defineRoute({
    method: 'get',
    path: '/api/invites/:code',
    summary: 'What an invite leads to',
    tag,
    request: { params: InviteCodeParams },
    status: 200,
    reply: InvitePreview,
    errors: redeem,
    handle: async (actor, { params }) => presentInvitePreview(await invites.preview(actor, params.code)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/invites/:code/preview',
    summary: 'The party name and member count of an invite, for signed-out visitors',
    tag,
    security: 'none',
    request: { params: InviteCodeParams },
    status: 200,
    reply: PublicInvitePreview,
    errors: { ...redeem, 429: 'Too many tries from this address (RATE_LIMITED)' },
    // req.ip: the socket's peer, or the client named by a trusted proxy (TRUST_PROXY).
    handle: async (_nobody, { params }, { req }) =>
      presentPublicInvitePreview(await invites.publicPreview(req.ip ?? 'unknown', params.code)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/invites/:code/accept',
    summary: 'Join the party of an invite (banned users get 403 MEMBER.BANNED)',
    tag,
    request: { params: InviteCodeParams },
    status: 200,
    reply: Party,
    errors: { ...redeem, 403: 'Banned from this party (MEMBER.BANNED)' },
    handle: async (actor, { params }) => presentParty(await invites.accept(actor, params.code)),
  }),
];
