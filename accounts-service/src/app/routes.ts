// The route table of the service: every REST route of every feature, in the order they are matched.
import type { RequestHandler } from 'express';

import type { Jwks } from '@partyline/auth';
import type { Providers } from '@partyline/contracts';

import type { DevSignInService } from '../auth/dev-signin.service.js';
import { devSignInRoutes } from '../auth/dev-signin.routes.js';
import { jwksRoutes } from '../auth/jwks.routes.js';
import { oauthRoutes } from '../auth/oauth/oauth.routes.js';
import type { PassportFlow } from '../auth/oauth/passport-flow.js';
import { providersRoutes } from '../auth/providers.routes.js';
import type { RefreshCookie } from '../sessions/refresh-cookie.js';
import type { SessionIssuer } from '../sessions/session-issuer.js';
import { sessionRoutes } from '../sessions/sessions.routes.js';
import type { SessionService } from '../sessions/sessions.service.js';
import { usersRoutes } from '../users/users.routes.js';
import type { UserService } from '../users/users.service.js';
import type { AccountsRoute } from './route.js';

interface RouteDeps {
  providers: Providers;
  jwks: () => Jwks;
  devSignIn: { enabled: boolean; service: DevSignInService };
  oauth: PassportFlow;
  publicUrl: string;
  issuer: SessionIssuer;
  sessions: SessionService;
  users: UserService;
  cookie: RefreshCookie;
  signInLimit: RequestHandler;
  refreshLimit: RequestHandler;
  /** Refuses cookie-authenticated POSTs from other origins (AUTH.ORIGIN_NOT_ALLOWED). */
  sameOrigin: RequestHandler;
}

export const accountsRoutes = (deps: RouteDeps): AccountsRoute[] => [
  ...jwksRoutes(deps.jwks),
  ...providersRoutes(deps.providers),
  ...devSignInRoutes({
    enabled: deps.devSignIn.enabled,
    devSignIn: deps.devSignIn.service,
    cookie: deps.cookie,
    signInLimit: deps.signInLimit,
  }),
  ...sessionRoutes(deps),
  ...oauthRoutes({
    flow: deps.oauth,
    issuer: deps.issuer,
    cookie: deps.cookie,
    signInLimit: deps.signInLimit,
    publicUrl: deps.publicUrl,
  }),
  ...usersRoutes(deps.users),
];
