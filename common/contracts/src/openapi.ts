// Each service builds its OpenAPI 3.1 document (served at /openapi.json) from the same zod contracts it
// validates with. This wraps zod-to-openapi so every document carries the shared error body and the
// bearer security scheme under the same names.
//
// Note: this module imports common.ts, which re-exports it; nothing here runs at import time, so the cycle
// is harmless.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

import { ErrorBody } from './common.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;
export type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

/** The name of the security scheme for `Authorization: Bearer <access token>`. */
export const BEARER_AUTH = 'bearerAuth';

/** Put on a route config: `security: bearerSecurity`. */
export const bearerSecurity: Record<string, string[]>[] = [{ [BEARER_AUTH]: [] }];

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('ErrorBody', ErrorBody);
  registry.registerComponent('securitySchemes', BEARER_AUTH, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An ES256 access token from accounts-service',
  });
  return registry;
}

/** A response entry for an error status: `responses: { 404: errorResponse('No such party') }`. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorBody } } };
}

export interface OpenApiDocumentInfo {
  title: string;
  version: string;
  description?: string;
  servers?: { url: string; description?: string }[];
}

export function buildOpenApiDocument(registry: OpenAPIRegistry, info: OpenApiDocumentInfo): OpenApiDocument {
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description === undefined ? {} : { description: info.description }),
    },
    ...(info.servers === undefined ? {} : { servers: info.servers }),
  });
}
