// GET /api/auth/providers: which sign-in buttons the client shows.
import { Providers } from '@partyline/contracts';

import { defineRoute, type AccountsRoute } from '../app/route.js';

export const providersRoutes = (providers: Providers): AccountsRoute[] => [
  defineRoute({
    method: 'get',
    path: '/api/auth/providers',
    summary: 'Which sign-in methods are enabled',
    tag: 'sign-in',
    security: 'none',
    request: {},
    status: 200,
    reply: Providers,
    replyDescription: 'Enabled providers',
    handle: async () => providers,
  }),
];
