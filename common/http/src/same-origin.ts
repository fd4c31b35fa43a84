// Cookie-authenticated POSTs (refresh, logout) ride on a cookie the browser attaches by itself, so beside
// SameSite they check where the request comes from. A browser always sends Origin on a POST, or at least
// Sec-Fetch-Site; a request with neither is not from a browser and cannot carry a victim's cookie.
import { AppError } from '@partyline/contracts';
import type { RequestHandler } from 'express';

export function requireAllowedOrigin(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    const ok =
      origin !== undefined
        ? allowed.has(origin)
        : site === undefined || site === 'same-origin' || site === 'none';
    next(
      ok ? undefined : new AppError('AUTH.ORIGIN_NOT_ALLOWED', 'This request must come from the app itself'),
    );
  };
}
