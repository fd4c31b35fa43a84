// One declaration per REST route: its contract (params/query/body, reply, status), its OpenAPI entry and
// its handler (which calls one service function). Both services mount their routes with this table, so
// every documented route is a mounted route and the other way round.
import { AppError, bearerSecurity, errorResponse, type OpenAPIRegistry, type z } from '@partyline/contracts';
import type { Request, RequestHandler, Response, Router } from 'express';

import { validate, type RequestSchemas, type ValidatedInput } from './validate.js';

/** A reply with a status other than the route's default (e.g. 200 for a nonce retry of a 201 route). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

/** How a caller proves who they are; decides whether the auth middleware runs and what the document says. */
export type RouteSecurity = 'bearer' | 'refreshCookie' | 'none';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 429 | 502 | 503;

/** The raw exchange, for the few routes that set cookies or headers (sign-in, refresh). */
export interface HttpExchange {
  req: Request;
  res: Response;
}

export interface RouteDef<S extends RequestSchemas, C> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express style: /api/parties/:partyId */
  path: string;
  summary: string;
  tag: string;
  request: S;
  /** 204 routes have no reply schema; 302 routes redirect. */
  status: 200 | 201 | 204 | 302;
  reply?: z.ZodType;
  /** What the success reply means, for the document (default 'OK'). */
  replyDescription?: string;
  /** Other success statuses with the same reply schema, e.g. `{ 200: 'A retry: the original message' }`. */
  otherReplies?: Partial<Record<200 | 201, string>>;
  /** Error statuses this route may answer, for the document. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Default 'bearer': the mount's auth middleware runs first. */
  security?: RouteSecurity;
  /** Run before validation (a feature switch that answers first, a rate limit on bad input too). */
  before?: RequestHandler[];
  /** Run after validation, before the handler (per-user rate limits). */
  middleware?: RequestHandler[];
  /**
   * Calls one service function and returns the reply body (or a Reply). A handler that answered by
   * itself (a redirect) returns nothing and the table sends nothing more.
   */
  handle(ctx: C, input: ValidatedInput<S>, http: HttpExchange): Promise<unknown>;
}

// Keeps each route's own schema type while allowing a heterogeneous list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteDef<C> = RouteDef<any, C>;

/** A typed `defineRoute` for one service's context: `const defineRoute = routeDefiner<Actor>()`. */
export const routeDefiner =
  <C>() =>
  <S extends RequestSchemas>(def: RouteDef<S, C>): AnyRouteDef<C> =>
    def;

export interface MountOptions<C> {
  /** Runs before every 'bearer' route. */
  auth: RequestHandler;
  /** What a handler gets from the request (the acting user, the correlation id). */
  context(req: Request): C;
}

export function mountRoutes<C>(router: Router, routes: AnyRouteDef<C>[], options: MountOptions<C>): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? new Set<string>();
    methods.add(route.method.toUpperCase());
    methodsByPath.set(route.path, methods);
    const validator = validate(route.request as RequestSchemas);
    const auth = (route.security ?? 'bearer') === 'bearer' ? [options.auth] : [];
    const chain = [...(route.before ?? []), ...auth, validator, ...(route.middleware ?? [])];
    router[route.method](route.path, ...chain, async (req: Request, res: Response) => {
      const result = await route.handle(options.context(req), validator.read(res), { req, res });
      if (res.headersSent) return;
      if (result instanceof Reply) {
        res.status(result.status).json(result.body);
      } else if (route.status === 204) {
        res.status(204).end();
      } else {
        res.status(route.status).json(result);
      }
    });
  }
  // A known path with another method is 405 with Allow, not 404: the path exists, the method does not.
  for (const [path, methods] of methodsByPath) {
    if (methods.has('GET')) methods.add('HEAD');
    const allow = [...methods].sort().join(', ');
    router.all(path, (_req, res, next) => {
      res.setHeader('Allow', allow);
      next(new AppError('ROUTE.METHOD_NOT_ALLOWED', `This path answers ${allow} only`));
    });
  }
}

const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

const securityOf: Record<RouteSecurity, Record<string, string[]>[]> = {
  bearer: bearerSecurity,
  refreshCookie: [{ refreshCookie: [] }],
  none: [],
};

/** Registers every route of the table in the service's OpenAPI document. */
export function registerRoutes<C>(registry: OpenAPIRegistry, routes: AnyRouteDef<C>[]): void {
  for (const route of routes) {
    const security = route.security ?? 'bearer';
    const request: Record<string, unknown> = {};
    if (route.request.params) request['params'] = route.request.params;
    if (route.request.query) request['query'] = route.request.query;
    if (route.request.body) {
      // Required unless the schema itself accepts a request without a body.
      const required = !route.request.body.safeParse(undefined).success;
      request['body'] = { required, content: { 'application/json': { schema: route.request.body } } };
    }
    const errors = Object.fromEntries(
      Object.entries({
        ...(route.request.params || route.request.query || route.request.body
          ? { 400: 'Invalid input (REQUEST.INVALID)' }
          : {}),
        ...(security === 'bearer' ? { 401: 'Not signed in (AUTH.*)' } : {}),
        ...route.errors,
      }).map(([status, description]) => [status, errorResponse(description)]),
    );
    const success =
      route.status === 204
        ? { description: route.replyDescription ?? 'Done' }
        : route.status === 302
          ? { description: route.replyDescription ?? 'Redirect' }
          : {
              description: route.replyDescription ?? 'OK',
              ...(route.reply === undefined
                ? {}
                : { content: { 'application/json': { schema: route.reply } } }),
            };
    const others = Object.fromEntries(
      Object.entries(route.otherReplies ?? {}).map(([status, description]) => [
        status,
        {
          description,
          ...(route.reply === undefined ? {} : { content: { 'application/json': { schema: route.reply } } }),
        },
      ]),
    );
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.path),
      summary: route.summary,
      tags: [route.tag],
      security: securityOf[security],
      request,
      responses: { [route.status]: success, ...others, ...errors },
    });
  }
}
