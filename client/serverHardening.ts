import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the app, the same in `vite preview` and in nginx.conf. Scripts only from
 * our own files (no inline script, no eval); the API and the socket on our own origin (CSP3 lets 'self'
 * match ws:/wss: on the same host). Styles need 'unsafe-inline': Emotion (Chakra UI) creates <style>
 * elements at run time, and a nonce would have to be minted per response, which neither a static file
 * server nor the cache in front of it can do. Inline styles cannot run script, so the rule stays strict
 * where it matters.
 */
/**
 * Where the browser PUTs attachments and loads them from (presigned URLs straight to the object storage):
 * the local stack's SeaweedFS S3 gateway, named by stack.env (scripts/app.sh exports it to `vite preview`).
 */
function storageOrigin(): string | null {
  const endpoint = process.env.PARTYLINE_S3_PUBLIC_ENDPOINT ?? process.env.PARTYLINE_S3_ENDPOINT;
  if (!endpoint) return null;
  try {
    return new URL(endpoint).origin;
  } catch {
    return null;
  }
}
const storage = storageOrigin() ? ` ${storageOrigin()}` : '';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // Avatars come from the OAuth providers' image hosts.
  `img-src 'self' data: https:${storage}`,
  "font-src 'self' data:",
  `connect-src 'self'${storage}`,
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** True when a path holds a `.` or `..` segment, written plainly or percent-encoded (once or more). */
export function hasDotSegment(rawPath: string): boolean {
  let path = rawPath;
  for (let i = 0; i < 4; i += 1) {
    if (path.split(/[/\\]/).some((segment) => segment === '.' || segment === '..')) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return true; // malformed escapes: nothing legitimate looks like that
    }
    if (decoded === path) return false;
    path = decoded;
  }
  return true;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';

const refuseDotSegments: Middleware = (req, res, next) => {
  if (!hasDotSegment(pathOf(req))) return next();
  res.statusCode = 400;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Bad request\n');
};

// Hashed file names never change; everything else (index.html above all) is revalidated every time.
const cachePolicy: Middleware = (req, res, next) => {
  const immutable = pathOf(req).startsWith('/assets/');
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  next();
};

/**
 * Refuses dot-segment paths before the proxy sees them, so `/api/../metrics` cannot reach an operations
 * endpoint of a service, and sets the cache policy of the static files. Added directly in the configure
 * hooks, so it runs ahead of Vite's own proxy and static middlewares.
 */
export function rejectDotSegments(): Plugin {
  return {
    name: 'partyline-harden-paths',
    configureServer(server) {
      server.middlewares.use(refuseDotSegments);
    },
    configurePreviewServer(server) {
      server.middlewares.use(refuseDotSegments);
      server.middlewares.use(cachePolicy);
    },
  };
}
