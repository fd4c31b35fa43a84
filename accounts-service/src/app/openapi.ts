// The OpenAPI 3.1 document of this service, generated from the route table itself (so a documented route
// is always a mounted one) plus the security scheme of the refresh cookie, which only this service uses.
import { buildOpenApiDocument, createOpenApiRegistry } from '@partyline/contracts';
import type { OpenApiDocument } from '@partyline/contracts';
import { registerRoutes } from '@partyline/http';

import { REFRESH_COOKIE } from '../sessions/refresh-cookie.js';
import type { AccountsRoute } from './route.js';

export function accountsOpenApiDocument(routes: AccountsRoute[]): OpenApiDocument {
  const registry = createOpenApiRegistry();
  // The name 'refreshCookie' is what the route table writes for `security: 'refreshCookie'`.
  registry.registerComponent('securitySchemes', 'refreshCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: REFRESH_COOKIE,
  });
  registerRoutes(registry, routes);
  return buildOpenApiDocument(registry, { title: 'Partyline accounts-service', version: '0.1.0' });
}
