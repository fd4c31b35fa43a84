import { describe, expect, it } from 'vitest';

import { ErrorBody, Id, z } from '../src/common.js';
import {
  bearerSecurity,
  buildOpenApiDocument,
  createOpenApiRegistry,
  errorResponse,
} from '../src/openapi.js';

function partiesDocument() {
  const registry = createOpenApiRegistry();
  const Party = registry.register('Party', z.object({ id: Id, name: z.string() }));
  registry.registerPath({
    method: 'get',
    path: '/api/parties/{partyId}',
    summary: 'One party',
    security: bearerSecurity,
    request: { params: z.object({ partyId: Id }) },
    responses: {
      200: { description: 'The party', content: { 'application/json': { schema: Party } } },
      404: errorResponse('No such party'),
    },
  });
  return buildOpenApiDocument(registry, {
    title: 'messages-service',
    version: '1.0.0',
    servers: [{ url: 'http://localhost:4002' }],
  });
}

describe('buildOpenApiDocument', () => {
  it('when a route is registered, then the document is OpenAPI 3.1 and contains it', () => {
    const document = partiesDocument();

    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual({ title: 'messages-service', version: '1.0.0' });
    expect(document.servers).toEqual([{ url: 'http://localhost:4002' }]);
    const operation = document.paths?.['/api/parties/{partyId}']?.get;
    expect(operation?.summary).toBe('One party');
    expect(operation?.parameters).toEqual([
      expect.objectContaining({ name: 'partyId', in: 'path', required: true }),
    ]);
  });

  it('when a route answers an error, then it points at the shared ErrorBody schema', () => {
    const document = partiesDocument();

    const notFound = document.paths?.['/api/parties/{partyId}']?.get?.responses?.['404'] as {
      content: Record<string, { schema: unknown }>;
    };
    expect(notFound.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(document.components?.schemas).toHaveProperty('ErrorBody');
    expect(document.components?.schemas).toHaveProperty('Party');
  });

  it('when a route needs a token, then the bearer scheme is declared and referenced', () => {
    const document = partiesDocument();

    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.paths?.['/api/parties/{partyId}']?.get?.security).toEqual([{ bearerAuth: [] }]);
  });

  it('when nothing is registered, then the document still carries the error body and security scheme', () => {
    const document = buildOpenApiDocument(createOpenApiRegistry(), { title: 't', version: '0' });

    expect(document.components?.schemas?.ErrorBody).toBeDefined();
    expect(document.components?.securitySchemes?.bearerAuth).toBeDefined();
    expect(ErrorBody).toBeDefined();
  });
});
