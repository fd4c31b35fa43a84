// How an accounts-service REST route is declared: the shared route table of @partyline/http, with the
// caller of the request as the handler context.
import { randomUUID } from 'node:crypto';

import type { Request } from 'express';

import { authUser } from '@partyline/auth';
import { routeDefiner, type AnyRouteDef } from '@partyline/http';

import type { RequestContext } from '../users/user-events.js';

/** Who is calling: the request's correlation id (it travels into event envelopes) and, lazily, the user. */
interface Caller extends RequestContext {
  /**
   * The signed-in user's id. Lazy because sign-in, refresh and logout routes have nobody signed in yet;
   * on a route that is not 'bearer' it throws 401 AUTH.REQUIRED.
   */
  userId(): string;
}

export const callerOf = (req: Request): Caller => ({
  correlationId: req.correlationId ?? randomUUID(),
  userId: () => authUser(req).id,
});

export type AccountsRoute = AnyRouteDef<Caller>;
export const defineRoute = routeDefiner<Caller>();
