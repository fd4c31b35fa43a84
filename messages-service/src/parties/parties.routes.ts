// Parties. Non-members get 404 PARTY.NOT_FOUND on every route of a party; members without the role get 403.
import { CreatePartyBody, Party, PartyParams, UpdatePartyBody, z } from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentParty } from './parties.presenter.js';
import type { PartiesService } from './parties.service.js';

const tag = 'parties';
const notMember = { 404: 'Not a member, or no such party (PARTY.NOT_FOUND)' } as const;
const needsRole = {
  ...notMember,
  403: 'Your role does not allow this (PARTY.FORBIDDEN, MEMBER.FORBIDDEN)',
} as const;

export const partyRoutes = (parties: PartiesService): AnyRouteDef[] => [
  defineRoute({
    method: 'post',
    path: '/api/parties',
    summary: 'Create a party (the creator is owner; a first topic "general" is created)',
    tag,
    request: { body: CreatePartyBody },
    status: 201,
    reply: Party,
    handle: async (actor, { body }) => presentParty(await parties.create(actor, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/parties',
    summary: 'My parties',
    tag,
    request: {},
    status: 200,
    reply: z.array(Party),
    handle: async (actor) => (await parties.list(actor)).map(presentParty),
  }),
  defineRoute({
    method: 'get',
    path: '/api/parties/:partyId',
    summary: 'A party I belong to',
    tag,
    request: { params: PartyParams },
    status: 200,
    reply: Party,
    errors: notMember,
    handle: async (actor, { params }) => presentParty(await parties.getParty(actor, params.partyId)),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/parties/:partyId',
    summary: 'Rename a party (admin+)',
    tag,
    request: { params: PartyParams, body: UpdatePartyBody },
    status: 200,
    reply: Party,
    errors: needsRole,
    handle: async (actor, { params, body }) =>
      presentParty(await parties.update(actor, params.partyId, body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/parties/:partyId',
    summary: 'Delete a party with everything in it (owner)',
    tag,
    request: { params: PartyParams },
    status: 204,
    errors: needsRole,
    handle: (actor, { params }) => parties.remove(actor, params.partyId),
  }),
];
