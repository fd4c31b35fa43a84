import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The client's own proxies (`vite preview` and nginx.conf) in front of a tiny echo server that stands in
// for both services: what reaches a service is exactly what it answers with (issue 12.4, 12.7).
const clientDir = fileURLToPath(new URL('..', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

interface Echo {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw HTTP GET, so a path like `/api/../metrics` is sent as written (fetch would normalise it). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

function startEcho(): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url ?? '', headers: req.headers } satisfies Echo));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const DOT_SEGMENT_PATHS = [
  '/api/../metrics',
  '/api/%2e%2e/metrics',
  '/api/%2E%2E/readyz',
  '/api/.%2e/openapi.json',
  '/api/%252e%252e/metrics',
  '/api/x/..%2f..%2fmetrics',
  '/api/./parties',
  '/api/a%5c..%5cmetrics',
];

describe('the vite preview proxy', () => {
  let echo: Server;
  let preview: PreviewServer;
  let port: number;

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is not installed: run scripts/install-system.sh (Debian nginx-light)');
    echo = await startEcho();
    const target = `http://127.0.0.1:${portOf(echo)}`;
    process.env.PARTYLINE_ACCOUNTS_URL = target;
    process.env.PARTYLINE_MESSAGES_URL = target;
    const { preview: startPreview } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'pl-proxy-'));
    writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>t</title>');
    preview = await startPreview({
      root: clientDir,
      configFile: join(clientDir, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir },
      preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    });
    port = (preview.httpServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    delete process.env.PARTYLINE_ACCOUNTS_URL;
    delete process.env.PARTYLINE_MESSAGES_URL;
    await preview?.close();
    echo?.close();
  });

  it('when a client sends its own X-Forwarded-For, the service sees the real peer address instead', async () => {
    for (const path of ['/api/parties', '/api/auth/providers']) {
      const { status, body } = await rawGet(port, path, { 'x-forwarded-for': '203.0.113.9' });
      expect(status).toBe(200);
      const seen = JSON.parse(body) as Echo;
      expect(seen.url).toBe(path);
      expect(seen.headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    }
  });

  it.each(DOT_SEGMENT_PATHS)('when the path is %s, it is refused with 400 before the proxy', async (path) => {
    const { status, body } = await rawGet(port, path);
    expect(status).toBe(400);
    expect(body).not.toContain('"url"');
  });
});

// scripts/install-system.sh installs Debian's nginx-light for `make test`; without it this fails, never skips.
describe('nginx.conf', () => {
  let echo: Server;
  let nginx: ChildProcess;
  let port: number;
  let prefix: string;

  beforeAll(async () => {
    echo = await startEcho();
    const target = `http://127.0.0.1:${portOf(echo)}`;
    const probe = await new Promise<Server>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    port = portOf(probe);
    probe.close();

    prefix = mkdtempSync(join(tmpdir(), 'pl-nginx-'));
    chmodSync(prefix, 0o755); // nginx's workers run as another user when started by root
    const html = join(prefix, 'html');
    mkdirSync(join(html, 'assets'), { recursive: true });
    writeFileSync(join(html, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(html, 'assets', 'app-abc123.js'), 'export {};\n');
    // What the image's entrypoint does: envsubst over the template, and the snippet it includes.
    const conf = readFileSync(join(clientDir, 'nginx.conf'), 'utf8')
      .replaceAll('${ACCOUNTS_URL}', target)
      .replaceAll('${MESSAGES_URL}', target)
      .replaceAll('${NGINX_LOCAL_RESOLVERS}', '127.0.0.1')
      .replaceAll('${OBJECT_STORE_ORIGIN}', 'http://localhost:8333')
      .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
      .replace(/listen \[::\]:8080;\n/, '')
      .replace('root /usr/share/nginx/html;', `root ${html};`)
      .replaceAll('/etc/nginx/snippets/', `${prefix}/`);
    writeFileSync(
      join(prefix, 'security-headers.conf'),
      readFileSync(join(clientDir, 'security-headers.conf')),
    );
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  types { text/html html; application/javascript js; }
  ${conf}
}
`,
    );
    execFileSync(NGINX!, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'pipe' });
    nginx = spawn(NGINX!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 50; i += 1) {
      const up = await rawGet(port, '/healthz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(() => {
    nginx?.kill('SIGTERM');
    echo?.close();
  });

  it('when a client sends its own X-Forwarded-For, the service sees the real peer address instead', async () => {
    const { body } = await rawGet(port, '/api/parties', { 'x-forwarded-for': '203.0.113.9' });
    const seen = JSON.parse(body) as Echo;
    expect(seen.url).toBe('/api/parties');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it.each(DOT_SEGMENT_PATHS)('when the path is %s, it is refused with 400', async (path) => {
    const { status, body } = await rawGet(port, path);
    expect(status).toBe(400);
    expect(body).not.toContain('"url"');
  });

  it('serves the security headers, long-caches hashed assets and never caches index.html', async () => {
    const index = await fetch(`http://127.0.0.1:${port}/parties/x`);
    const asset = await fetch(`http://127.0.0.1:${port}/assets/app-abc123.js`);
    for (const res of [index, asset]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      // Uploads go from the browser straight to the object storage.
      expect(res.headers.get('content-security-policy')).toContain(
        "connect-src 'self' http://localhost:8333;",
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const behindTls = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
