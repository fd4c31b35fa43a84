// The route table of the service: every REST route of every feature, in the order they are matched.
import type { RequestHandler } from 'express';

import type { Jwks } from '@partyline/auth';
import type { Providers } from '@partyline/contracts';
import { jsonBody } from '@partyline/http';

import type { DevSignInService } from '../auth/dev-signin.service.js';
import { avatarsRoutes } from '../avatars/avatars.routes.js';
import type { AvatarService } from '../avatars/avatars.service.js';
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
  /** Undefined without object storage (the avatar routes answer 503). */
  avatars: AvatarService | undefined;
  cookie: RefreshCookie;
  signInLimit: RequestHandler;
  refreshLimit: RequestHandler;
  /** Refuses cookie-authenticated POSTs from other origins (AUTH.ORIGIN_NOT_ALLOWED). */
  sameOrigin: RequestHandler;
}

/** The largest JSON body any route accepts (a profile update is far below it). */
const BODY_LIMIT = '16kb';
const parseJson = jsonBody({ limit: BODY_LIMIT });

// Only a route that declares a body parses one, after its own `before` (a switched-off feature or a rate
// limit answers first), and its document names the 413; a route without a body never reads one, so it
// never answers a body error its document does not name.
const withJsonBody = (route: AccountsRoute): AccountsRoute =>
  route.request.body
    ? {
        ...route,
        before: [...(route.before ?? []), parseJson],
        errors: { 413: `The body is larger than ${BODY_LIMIT} (REQUEST.INVALID)`, ...route.errors },
      }
    : route;

export const accountsRoutes = (deps: RouteDeps): AccountsRoute[] =>
  [
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
    ...avatarsRoutes(deps.avatars),
    ...usersRoutes(deps.users),
  ].map(withJsonBody);
