// GET /.well-known/jwks.json: the public keys of the access tokens, fetched (and cached) by every service
// that verifies them.
import { Jwks } from '@partyline/contracts';
import type { Jwks as JwksBody } from '@partyline/auth';

import { defineRoute, type AccountsRoute } from '../app/route.js';

export const jwksRoutes = (jwks: () => JwksBody): AccountsRoute[] => [
  defineRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Public keys of the access tokens',
    tag: 'keys',
    security: 'none',
    request: {},
    status: 200,
    reply: Jwks,
    replyDescription: 'JWKS',
    handle: async (_caller, _input, { res }) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      return jwks();
    },
  }),
];
