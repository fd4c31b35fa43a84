import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

import { contractsAlias } from './contractsAlias';
import { rejectDotSegments, securityHeaders } from './serverHardening';

// The browser talks to one origin; the dev server and `vite preview` forward to the two services.
const accountsUrl = process.env.PARTYLINE_ACCOUNTS_URL ?? 'http://127.0.0.1:4001';
const messagesUrl = process.env.PARTYLINE_MESSAGES_URL ?? 'http://127.0.0.1:4002';

// The services key rate limits on X-Forwarded-For, so the proxy must say who the peer really is instead of
// passing on whatever the client wrote there (issue 12.4).
const proxyTo = (target: string, ws = false): ProxyOptions => ({
  target,
  ws,
  configure: (proxy) => {
    proxy.on('proxyReq', (proxyReq, req) => {
      proxyReq.setHeader('x-forwarded-for', req.socket.remoteAddress ?? '');
    });
    proxy.on('proxyReqWs', (proxyReq, req) => {
      proxyReq.setHeader('x-forwarded-for', req.socket.remoteAddress ?? '');
    });
  },
});

// Order matters: the first matching prefix wins, so the accounts routes come before the catch-all `/api`.
const proxy = {
  '/api/auth': proxyTo(accountsUrl),
  '/api/users': proxyTo(accountsUrl),
  '/.well-known': proxyTo(accountsUrl),
  '/api': proxyTo(messagesUrl),
  '/socket.io': proxyTo(messagesUrl, true),
};

export default defineConfig({
  plugins: [react(), rejectDotSegments()],
  resolve: { alias: contractsAlias },
  server: { port: 5173, strictPort: true, host: '127.0.0.1', proxy },
  preview: { port: 5173, strictPort: true, host: '127.0.0.1', proxy, headers: securityHeaders },
  // No source maps in the build: the production image serves dist/ as it is.
  build: { sourcemap: false },
});
