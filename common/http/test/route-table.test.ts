import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError, buildOpenApiDocument, createOpenApiRegistry, ErrorBody, z } from '@partyline/contracts';
import { mountRoutes, registerRoutes, Reply, routeDefiner } from '@partyline/http';

import { startApp } from './support/http-app.js';

interface Ctx {
  user: string | undefined;
}
const defineRoute = routeDefiner<Ctx>();
const calls: string[] = [];

const routes = [
  defineRoute({
    method: 'get',
    path: '/things/:id',
    summary: 'One thing',
    tag: 'things',
    request: { params: z.object({ id: z.string().min(2) }) },
    status: 200,
    reply: z.object({ id: z.string(), by: z.string().optional() }),
    handle: async (ctx, { params }) => ({ id: params.id, by: ctx.user }),
  }),
  defineRoute({
    method: 'post',
    path: '/things',
    summary: 'Make a thing (a retry answers 200)',
    tag: 'things',
    request: { body: z.object({ name: z.string() }).strict() },
    status: 201,
    reply: z.object({ name: z.string() }),
    otherReplies: { 200: 'A retry: the thing made before' },
    handle: async (_ctx, { body }) => (body.name === 'again' ? new Reply(200, body) : body),
  }),
  defineRoute({
    method: 'post',
    path: '/open',
    summary: 'Needs no sign-in; answers by itself',
    tag: 'things',
    security: 'none',
    request: {},
    status: 302,
    before: [
      (_req, _res, next) => {
        calls.push('before');
        next();
      },
    ],
    handle: async (_ctx, _input, { res }) => {
      calls.push('handle');
      res.redirect(302, '/elsewhere');
    },
  }),
];

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  const router = express.Router();
  mountRoutes(router, routes, {
    auth: (req, _res, next) => {
      calls.push('auth');
      next(req.headers.authorization ? undefined : new AppError('AUTH.REQUIRED', 'Sign in first'));
    },
    context: (req) => ({ user: req.headers.authorization }),
  });
  app = await startApp(router);
});
afterAll(() => app.close());

const signedIn = { authorization: 'ada' };

describe('mountRoutes', () => {
  it('when a bearer route is called, then auth runs, the input is validated and the handler gets the context', async () => {
    const res = await app.request('/things/t1', { headers: signedIn });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 't1', by: 'ada' });
    expect((await app.request('/things/t1')).status).toBe(401);
    const invalid = await app.request('/things/x', { headers: signedIn });
    expect(invalid.status).toBe(400);
    expect(ErrorBody.parse(await invalid.json()).error.code).toBe('REQUEST.INVALID');
  });

  it('when a handler returns a Reply, then its status is used', async () => {
    const post = (name: string) =>
      app.request('/things', {
        method: 'POST',
        headers: { ...signedIn, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });

    expect((await post('new')).status).toBe(201);
    expect((await post('again')).status).toBe(200);
  });

  it('when a known path is called with another method, then it is 405 with Allow, not 404', async () => {
    const res = await app.request('/things/t1', { method: 'DELETE', headers: signedIn });

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(ErrorBody.parse(await res.json()).error.code).toBe('ROUTE.METHOD_NOT_ALLOWED');
    expect((await app.request('/nothing-here')).status).toBe(404);
  });

  it('when a route needs no sign-in and answers by itself, then auth is skipped and nothing more is sent', async () => {
    calls.length = 0;
    const res = await app.request('/open', { method: 'POST', redirect: 'manual' });

    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/elsewhere');
    expect(calls).toEqual(['before', 'handle']);
  });
});

describe('registerRoutes', () => {
  const registry = createOpenApiRegistry();
  registerRoutes(registry, routes);
  const doc = buildOpenApiDocument(registry, { title: 't', version: '1' });

  it('when a route has a body that must be sent, then the document marks it required', () => {
    expect(doc.paths?.['/things']?.post?.requestBody).toMatchObject({ required: true });
  });

  it('when a route answers another success status, then the document lists it beside the default', () => {
    expect(Object.keys(doc.paths?.['/things']?.post?.responses ?? {}).sort()).toEqual([
      '200',
      '201',
      '400',
      '401',
    ]);
  });

  it('when a route needs no sign-in, then it names no security and no 401', () => {
    const open = doc.paths?.['/open']?.post;
    expect(open?.security).toEqual([]);
    expect(Object.keys(open?.responses ?? {})).toEqual(['302']);
    expect(doc.paths?.['/things/{id}']?.get?.security).toEqual([{ bearerAuth: [] }]);
  });
});
