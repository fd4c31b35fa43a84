// The OpenAPI 3.1 document of this service, generated from the contracts the routes parse.
import { buildOpenApiDocument, createOpenApiRegistry, registerAccountsRoutes } from '@partyline/contracts';
import type { OpenApiDocument } from '@partyline/contracts';

export function accountsOpenApiDocument(): OpenApiDocument {
  const registry = createOpenApiRegistry();
  registerAccountsRoutes(registry);
  return buildOpenApiDocument(registry, { title: 'Partyline accounts-service', version: '0.1.0' });
}
