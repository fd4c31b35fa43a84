// GET /api/auth/{google,github} starts a sign-in; /callback finishes it: a session cookie and a redirect
// back to PUBLIC_URL + returnTo (so an invite link survives the detour through the provider).
import type { RequestHandler } from 'express';

import { AppError, OAuthStartQuery, z } from '@partyline/contracts';
import type { OAuthProvider } from '@partyline/contracts';
import type { ErrorStatus } from '@partyline/http';

import { defineRoute, type AccountsRoute } from '../../app/route.js';
import type { RefreshCookie } from '../../sessions/refresh-cookie.js';
import type { SessionIssuer } from '../../sessions/session-issuer.js';
import { OAUTH_PROVIDERS, type PassportFlow } from './passport-flow.js';

interface OAuthRoutesDeps {
  flow: PassportFlow;
  issuer: SessionIssuer;
  cookie: RefreshCookie;
  signInLimit: RequestHandler;
  publicUrl: string;
}

// What a provider sends back. Anything but one string counts as "no code" (a 401, never a 400); `.catch`
// has no OpenAPI type of its own, so the document is told it is a string.
const providerText = () => z.string().optional().catch(undefined).openapi({ type: 'string' });
const CallbackQuery = z.object({ code: providerText(), state: providerText() });

const callbackErrors: Partial<Record<ErrorStatus, string>> = {
  400: 'The state is missing, forged, replayed or from another browser (AUTH.STATE_INVALID)',
  401: 'The provider sent no code (AUTH.PROVIDER_FAILED)',
  404: 'This provider is not configured (AUTH.PROVIDER_DISABLED)',
  429: 'Too many attempts (RATE_LIMITED)',
  502: 'The code exchange with the provider failed (AUTH.PROVIDER_FAILED)',
};

export function oauthRoutes(deps: OAuthRoutesDeps): AccountsRoute[] {
  // First, so that an unconfigured provider answers the same to any input and spends no rate limit.
  const whenConfigured =
    (provider: OAuthProvider): RequestHandler =>
    (_req, _res, next) => {
      next(
        deps.flow.isConfigured(provider)
          ? undefined
          : AppError.notFound('AUTH.PROVIDER_DISABLED', `Sign-in with ${provider} is not configured`),
      );
    };

  return OAUTH_PROVIDERS.flatMap((provider) => [
    defineRoute({
      method: 'get',
      path: `/api/auth/${provider}`,
      summary: `Start a ${provider} sign-in (state + PKCE)`,
      tag: 'sign-in',
      security: 'none',
      before: [whenConfigured(provider), deps.signInLimit],
      request: { query: OAuthStartQuery },
      status: 302,
      replyDescription: 'Redirect to the provider',
      errors: {
        404: 'This provider is not configured (AUTH.PROVIDER_DISABLED)',
        429: 'Too many attempts (RATE_LIMITED)',
      },
      handle: (_caller, { query }, http) => deps.flow.start(provider, query.returnTo ?? '/', http),
    }),
    defineRoute({
      method: 'get',
      path: `/api/auth/${provider}/callback`,
      summary: `The ${provider} callback`,
      tag: 'sign-in',
      security: 'none',
      before: [whenConfigured(provider), deps.signInLimit],
      request: { query: CallbackQuery },
      status: 302,
      replyDescription: 'Redirect to PUBLIC_URL + returnTo with the refresh cookie set',
      errors: callbackErrors,
      handle: async (_caller, { query }, http) => {
        if (query.code === undefined) {
          // Without a code passport would start a new flow; the provider sent an error or someone else called.
          throw new AppError('AUTH.PROVIDER_FAILED', 'The provider did not sign you in', { status: 401 });
        }
        const { user, returnTo } = await deps.flow.finish(provider, http);
        const issued = await deps.issuer.signIn(user.id);
        deps.cookie.set(http.res, issued.refreshToken);
        http.res.redirect(302, `${deps.publicUrl}${returnTo}`);
      },
    }),
  ]);
}
