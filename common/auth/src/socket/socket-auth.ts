// socket.io handshake middleware: Origin allowlist, then the access token from `auth.token`.
//
// A missing Origin is allowed by default. Browsers always send Origin on cross-origin requests and on
// WebSocket upgrades, so a hostile page cannot omit it; only non-browser clients (bots, load tests) and
// same-origin polling GETs arrive without one. Those cannot ride on a victim's credentials anyway: the
// token travels in the handshake payload, never in a cookie, so the Origin check is defence in depth.
import type { IncomingHttpHeaders } from 'node:http';

import { AppError, type ErrorCode } from '@partyline/contracts';

import type { AccessTokenVerifier, AuthUser } from '../tokens/verifier.js';

export interface SocketAuthOptions {
  /** Exact origins, e.g. `http://localhost:5173`. */
  allowedOrigins: readonly string[];
  /** Default true; see the file comment. */
  allowMissingOrigin?: boolean;
}

/** What the middleware needs of a socket; every socket.io Socket fits, whatever its event maps. */
export interface AuthenticatableSocket {
  handshake: { headers: IncomingHttpHeaders; auth: Record<string, unknown> };
  data: { user?: AuthUser };
}

/** The error socket.io hands to the client's `connect_error` listener: `err.message` is the code. */
export interface SocketAuthError extends Error {
  data: { code: ErrorCode; message: string };
}

export function socketAuthError(code: ErrorCode, message: string): SocketAuthError {
  return Object.assign(new Error(code), { data: { code, message } });
}

export function socketAuth(verifier: AccessTokenVerifier, options: SocketAuthOptions) {
  const allowed = new Set(options.allowedOrigins);
  const allowMissingOrigin = options.allowMissingOrigin ?? true;

  return <S extends AuthenticatableSocket>(socket: S, next: (err?: Error) => void): void => {
    const origin = socket.handshake.headers.origin;
    if (origin === undefined ? !allowMissingOrigin : !allowed.has(origin)) {
      next(socketAuthError('AUTH.ORIGIN_NOT_ALLOWED', `Origin ${origin ?? '(none)'} may not connect`));
      return;
    }
    const token = socket.handshake.auth.token;
    if (typeof token !== 'string' || token === '') {
      next(socketAuthError('AUTH.REQUIRED', 'Sign in first: connect with auth: { token }'));
      return;
    }
    verifier.verify(token).then(
      (user) => {
        socket.data.user = user;
        next();
      },
      (err: unknown) => {
        if (err instanceof AppError) next(socketAuthError(err.code, err.message));
        else next(socketAuthError('INTERNAL', 'Could not check the access token'));
      },
    );
  };
}
