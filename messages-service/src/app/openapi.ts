import { buildOpenApiDocument, createOpenApiRegistry, type OpenApiDocument } from '@partyline/contracts';

import { registerRoutes } from '@partyline/http';

import type { AnyRouteDef } from './route.js';

/** The document is generated from the mounted route table, so every documented route exists. */
export function messagesOpenApiDocument(routes: AnyRouteDef[]): OpenApiDocument {
  const registry = createOpenApiRegistry();
  registerRoutes(registry, routes);
  return buildOpenApiDocument(registry, {
    title: 'Partyline messages-service',
    version: '0.1.0',
    description:
      'Parties, members, invites, topics, messages and read state. Authorization: anything of a party you do ' +
      'not belong to answers 404; a role you lack answers 403.',
  });
}
