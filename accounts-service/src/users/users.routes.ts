// /api/users: the signed-in user's profile and public profiles. Thin: parse, one service call, present.
import { Me, PublicUser, UpdateMeBody, UserIdParams } from '@partyline/contracts';

import { defineRoute, type AccountsRoute } from '../app/route.js';
import { presentMe, presentPublicUser } from './users.presenter.js';
import type { UserService } from './users.service.js';

const tag = 'users';
const noSuchUser = { 404: 'No such user (USER.NOT_FOUND)' } as const;

export const usersRoutes = (users: UserService): AccountsRoute[] => [
  defineRoute({
    method: 'get',
    path: '/api/users/me',
    summary: 'The signed-in user with their memberships',
    tag,
    request: {},
    status: 200,
    reply: Me,
    errors: noSuchUser,
    handle: async (caller) => presentMe(await users.getMe(caller.userId())),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/users/me',
    summary: 'Update the profile',
    tag,
    request: { body: UpdateMeBody },
    status: 200,
    reply: Me,
    errors: {
      ...noSuchUser,
      409: 'The username is taken (USER.USERNAME_TAKEN), or the profile changed while saving (CONFLICT)',
    },
    handle: async (caller, { body }) => presentMe(await users.updateMe(caller.userId(), body, caller)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/users/me',
    summary: 'Delete the account',
    tag,
    request: {},
    status: 204,
    errors: noSuchUser,
    handle: (caller) => users.deleteMe(caller.userId(), caller),
  }),
  defineRoute({
    method: 'get',
    path: '/api/users/:userId',
    summary: 'A public profile',
    tag,
    request: { params: UserIdParams },
    status: 200,
    reply: PublicUser,
    errors: noSuchUser,
    handle: async (_caller, { params }) => presentPublicUser(await users.getPublic(params.userId)),
  }),
];
