// One declaration per REST route: its contract (params/query/body, reply, status), its OpenAPI entry and
// its handler (which calls one service function). Mounting validates with the contract first.
import { authUser, validate, type RequestSchemas, type ValidatedInput } from '@partyline/auth';
import { bearerSecurity, errorResponse, type OpenAPIRegistry, type z } from '@partyline/contracts';
import type { Request, RequestHandler, Router } from 'express';

import type { Actor } from '../domain/types.js';

/** A reply with a status other than the route's default (e.g. 200 for a nonce retry of a 201 route). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

export interface RouteDef<S extends RequestSchemas> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express style: /api/parties/:partyId */
  path: string;
  summary: string;
  tag: string;
  request: S;
  /** 204 routes have no reply schema. */
  status: 200 | 201 | 204;
  reply?: z.ZodType;
  /** Error statuses this route may answer, for the document. */
  errors?: Partial<Record<400 | 403 | 404 | 409 | 429, string>>;
  /** Routes that may be rate limited per user. */
  middleware?: RequestHandler[];
  handle(actor: Actor, input: ValidatedInput<S>): Promise<unknown>;
}

// Keeps each route's own schema type while allowing a heterogeneous list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteDef = RouteDef<any>;

export const defineRoute = <S extends RequestSchemas>(def: RouteDef<S>): AnyRouteDef => def;

export const actorOf = (req: Request): Actor => {
  const user = authUser(req);
  return {
    id: user.id,
    username: user.username,
    ...(req.correlationId === undefined ? {} : { correlationId: req.correlationId }),
  };
};

export function mountRoutes(router: Router, routes: AnyRouteDef[], auth: RequestHandler): void {
  for (const route of routes) {
    const validator = validate(route.request as RequestSchemas);
    router[route.method](route.path, auth, validator, ...(route.middleware ?? []), async (req, res) => {
      const result = await route.handle(actorOf(req), validator.read(res));
      if (result instanceof Reply) {
        res.status(result.status).json(result.body);
      } else if (route.status === 204) {
        res.status(204).end();
      } else {
        res.status(route.status).json(result);
      }
    });
  }
}

const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

export function registerRoutes(registry: OpenAPIRegistry, routes: AnyRouteDef[]): void {
  for (const route of routes) {
    const request: Record<string, unknown> = {};
    if (route.request.params) request['params'] = route.request.params;
    if (route.request.query) request['query'] = route.request.query;
    if (route.request.body) {
      request['body'] = { content: { 'application/json': { schema: route.request.body } } };
    }
    const errors = Object.fromEntries(
      Object.entries({
        400: 'Invalid input (REQUEST.INVALID)',
        401: 'Not signed in (AUTH.*)',
        ...route.errors,
      }).map(([status, description]) => [status, errorResponse(description)]),
    );
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.path),
      summary: route.summary,
      tags: [route.tag],
      security: bearerSecurity,
      request,
      responses: {
        [route.status]:
          route.reply === undefined
            ? { description: 'Done' }
            : { description: 'OK', content: { 'application/json': { schema: route.reply } } },
        ...errors,
      },
    });
  }
}
