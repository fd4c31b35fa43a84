import { describe, expect, it } from 'vitest';

import * as contracts from '@partyline/contracts';

describe('the package entry', () => {
  it('when a service imports @partyline/contracts, then the shared schemas, errors and OpenAPI helpers are there', () => {
    expect(contracts.AppError.notFound('PARTY.NOT_FOUND', 'No such party').status).toBe(404);
    expect(typeof contracts.createOpenApiRegistry).toBe('function');
    expect(typeof contracts.buildOpenApiDocument).toBe('function');
    expect(contracts.ErrorBody.safeParse({ error: { code: 'INTERNAL', message: 'x' } }).success).toBe(true);
  });

  it('when a schema from the entry is described for OpenAPI, then .openapi() is available on the shared z', () => {
    expect(typeof contracts.z.object({}).openapi).toBe('function');
  });
});
