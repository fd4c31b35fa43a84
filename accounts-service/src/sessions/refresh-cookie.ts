// The refresh token travels only in this cookie: httpOnly (no script reads it), SameSite=Lax, Secure
// (except plain-http tests), and scoped to /api/auth so no other request carries it.
import type { CookieOptions, Request, Response } from 'express';

export const REFRESH_COOKIE = 'pl_refresh';
const PATH = '/api/auth';

interface RefreshCookieOptions {
  secure: boolean;
  ttlDays: number;
}

export function createRefreshCookie({ secure, ttlDays }: RefreshCookieOptions) {
  const base: CookieOptions = { httpOnly: true, secure, sameSite: 'lax', path: PATH };
  return {
    set(res: Response, token: string): void {
      res.cookie(REFRESH_COOKIE, token, { ...base, maxAge: ttlDays * 24 * 60 * 60 * 1000 });
    },
    clear(res: Response): void {
      res.clearCookie(REFRESH_COOKIE, base);
    },
    read(req: Request): unknown {
      return (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    },
  };
}

export type RefreshCookie = ReturnType<typeof createRefreshCookie>;
