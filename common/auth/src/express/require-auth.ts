// Bearer-token authentication for REST routes. Failures go through next(err) so errorHandler answers them
// like every other error (401 with the AUTH.* code).
import type { Request, RequestHandler } from 'express';

import { AppError } from '@partyline/contracts';

import type { AccessTokenVerifier, AuthUser } from '../tokens/verifier.js';
import './request-types.js';

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/;

export function requireAuth(verifier: AccessTokenVerifier): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header === '') {
      next(new AppError('AUTH.REQUIRED', 'Sign in first: send Authorization: Bearer <access token>'));
      return;
    }
    const match = BEARER.exec(header);
    if (match?.[1] === undefined) {
      next(new AppError('AUTH.TOKEN_INVALID', 'The Authorization header is not a Bearer token'));
      return;
    }
    verifier.verify(match[1]).then(
      (user) => {
        req.user = user;
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

/** The signed-in user of a request that went through requireAuth. */
export function authUser(req: Request): AuthUser {
  if (req.user === undefined) throw new AppError('AUTH.REQUIRED', 'Sign in first');
  return req.user;
}
