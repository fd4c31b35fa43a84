import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validate } from '@partyline/http';
import { AppError, ErrorBody, z } from '@partyline/contracts';

import { startApp } from './support/http-app.js';

const renameParty = validate({
  params: z.object({ partyId: z.uuid() }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  body: z.object({ name: z.string().trim().min(1).max(100) }),
});

let app: Awaited<ReturnType<typeof startApp>>;
const renamed: unknown[] = [];

beforeAll(async () => {
  const routes = express.Router();
  routes.post('/parties/:partyId', renameParty, (_req, res) => {
    const { params, query, body } = renameParty.read(res);
    renamed.push(body);
    res.json({ partyId: params.partyId, limit: query.limit, name: body.name });
  });
  routes.get('/missing', () => {
    throw AppError.notFound('PARTY.NOT_FOUND', 'No such party');
  });
  routes.get('/busy', () => {
    throw AppError.rateLimited('Slow down', 2.5);
  });
  routes.get('/boom', async () => {
    await Promise.resolve();
    throw new Error('database password is hunter2');
  });
  app = await startApp(routes);
});
afterAll(() => app.close());

const partyId = '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f';
const postJson = (path: string, body: string) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function errorOf(response: Response) {
  return ErrorBody.parse(await response.json()).error;
}

describe('validate', () => {
  it('when params, query and body match, then the handler reads them parsed and typed', async () => {
    const response = await postJson(`/parties/${partyId}?limit=20`, JSON.stringify({ name: '  Book club ' }));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ partyId, limit: 20, name: 'Book club' });
  });

  it('when a query value is left out, then the schema default applies', async () => {
    const response = await postJson(`/parties/${partyId}`, JSON.stringify({ name: 'x' }));

    expect(await response.json()).toMatchObject({ limit: 50 });
  });

  it('when several parts are invalid, then 400 REQUEST.INVALID lists every issue and the handler never runs', async () => {
    const before = renamed.length;
    const response = await postJson('/parties/not-a-uuid?limit=500', JSON.stringify({ name: '' }));

    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('REQUEST.INVALID');
    expect(error.message).toMatch(/^Invalid request: params\.partyId: .+; query\.limit: .+; body\.name: .+/);
    const paths = (error.details as { path: string[] }[]).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['params.partyId', 'query.limit', 'body.name']);
    expect(renamed.length).toBe(before);
  });

  it('when the body is missing, then 400 REQUEST.INVALID names the body', async () => {
    const response = await app.request(`/parties/${partyId}`, { method: 'POST' });

    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/body/);
  });
});

describe('errorHandler', () => {
  it('when the body is malformed JSON, then 400 REQUEST.INVALID', async () => {
    const response = await postJson(`/parties/${partyId}`, '{"name": ');

    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'REQUEST.INVALID',
      message: 'The request body is not valid JSON',
    });
  });

  it('when the body is over the size limit, then 413 REQUEST.INVALID', async () => {
    const response = await postJson(`/parties/${partyId}`, JSON.stringify({ name: 'x'.repeat(5000) }));

    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('REQUEST.INVALID');
  });

  it('when a handler throws an AppError, then its status, code and message are answered', async () => {
    const response = await app.request('/missing');

    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'PARTY.NOT_FOUND', message: 'No such party' });
  });

  it('when a request is rate limited, then 429 carries Retry-After in whole seconds', async () => {
    const response = await app.request('/busy');

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('when a handler fails unexpectedly, then 500 INTERNAL with the correlation id and no internals', async () => {
    const response = await app.request('/boom', { headers: { 'x-correlation-id': 'trace-boom-0001' } });

    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/hunter2|at .*\.ts|stack/);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side',
        correlationId: 'trace-boom-0001',
      },
    });
    expect(app.logged).toContainEqual(
      expect.objectContaining({
        level: 'error',
        obj: expect.objectContaining({ correlationId: 'trace-boom-0001' }),
      }),
    );
  });

  it('when no route matches, then 404 ROUTE.NOT_FOUND', async () => {
    const response = await app.request('/nowhere');

    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({
      code: 'ROUTE.NOT_FOUND',
      message: 'No route for GET /nowhere',
    });
  });
});

describe('correlationId', () => {
  it('when the caller sends a well-formed id, then it is kept and echoed', async () => {
    const response = await app.request('/missing', { headers: { 'x-correlation-id': 'client-1234-abcd' } });

    expect(response.headers.get('x-correlation-id')).toBe('client-1234-abcd');
    expect((await errorOf(response)).correlationId).toBe('client-1234-abcd');
  });

  it('when the caller sends a malformed id, then a fresh uuid replaces it', async () => {
    const response = await app.request('/missing', { headers: { 'x-correlation-id': 'bad id <script>' } });

    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the caller sends none, then each request gets its own', async () => {
    const [a, b] = await Promise.all([app.request('/missing'), app.request('/missing')]);

    expect(a.headers.get('x-correlation-id')).not.toBe(b.headers.get('x-correlation-id'));
  });
});
