// OpenAPI registrations of the accounts-service routes, generated from the same zod schemas the routes parse.
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';

import { ErrorBody, PublicUser, z } from '../common.js';
import { bearerSecurity } from '../openapi.js';
import {
  DevSignInBody,
  Jwks,
  Me,
  OAuthStartQuery,
  Providers,
  Session,
  UpdateMeBody,
  UserIdParams,
} from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ErrorBody, description);
const noContent = { description: 'Done' };
const bearer = bearerSecurity;
const refreshCookie = [{ refreshCookie: [] }];

const routes: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/auth/providers',
    summary: 'Which sign-in methods are enabled',
    responses: { 200: json(Providers, 'Enabled providers') },
  },
  {
    method: 'post',
    path: '/api/auth/dev',
    summary: 'Dev sign-in by username (only when DEV_SIGNIN=true)',
    request: { body: { content: { 'application/json': { schema: DevSignInBody } } } },
    responses: {
      200: json(Session, 'Signed in; the refresh cookie is set'),
      400: error('Invalid body'),
      404: error('AUTH.DEV_SIGNIN_DISABLED'),
      429: error('RATE_LIMITED'),
    },
  },
  ...(['google', 'github'] as const).flatMap((provider): RouteConfig[] => [
    {
      method: 'get',
      path: `/api/auth/${provider}`,
      summary: `Start a ${provider} sign-in (state + PKCE)`,
      request: { query: OAuthStartQuery },
      responses: {
        302: { description: 'Redirect to the provider' },
        400: error('Invalid returnTo'),
        404: error('AUTH.PROVIDER_DISABLED'),
        429: error('RATE_LIMITED'),
      },
    },
    {
      method: 'get',
      path: `/api/auth/${provider}/callback`,
      summary: `The ${provider} callback`,
      request: { query: z.object({ code: z.string().optional(), state: z.string().optional() }) },
      responses: {
        302: { description: 'Redirect to PUBLIC_URL + returnTo with the refresh cookie set' },
        400: error('AUTH.STATE_INVALID'),
        429: error('RATE_LIMITED'),
        502: error('AUTH.PROVIDER_FAILED'),
      },
    },
  ]),
  {
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Rotate the refresh cookie and issue a new access token',
    security: refreshCookie,
    responses: {
      200: json(Session, 'A new session; the cookie is rotated'),
      401: error('AUTH.REFRESH_INVALID'),
      429: error('RATE_LIMITED'),
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke this session',
    security: refreshCookie,
    responses: { 204: noContent },
  },
  {
    method: 'post',
    path: '/api/auth/logout-all',
    summary: 'Revoke every session of the user',
    security: bearer,
    responses: { 204: noContent, 401: error('Not signed in') },
  },
  {
    method: 'get',
    path: '/api/users/me',
    summary: 'The signed-in user with their memberships',
    security: bearer,
    responses: { 200: json(Me, 'Me'), 401: error('Not signed in'), 404: error('USER.NOT_FOUND') },
  },
  {
    method: 'patch',
    path: '/api/users/me',
    summary: 'Update the profile',
    security: bearer,
    request: { body: { content: { 'application/json': { schema: UpdateMeBody } } } },
    responses: {
      200: json(Me, 'Me'),
      400: error('Invalid body'),
      401: error('Not signed in'),
      409: error('USER.USERNAME_TAKEN'),
    },
  },
  {
    method: 'delete',
    path: '/api/users/me',
    summary: 'Delete the account',
    security: bearer,
    responses: { 204: noContent, 401: error('Not signed in') },
  },
  {
    method: 'get',
    path: '/api/users/{userId}',
    summary: 'A public profile',
    security: bearer,
    request: { params: UserIdParams },
    responses: {
      200: json(PublicUser, 'The user'),
      400: error('Invalid id'),
      401: error('Not signed in'),
      404: error('USER.NOT_FOUND'),
    },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Public keys of the access tokens',
    responses: { 200: json(Jwks, 'JWKS') },
  },
];

/** Adds every accounts-service route to a registry from createOpenApiRegistry() (which brings bearerAuth). */
export function registerAccountsRoutes(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'refreshCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'pl_refresh',
  });
  for (const route of routes) registry.registerPath(route);
}
