import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { contractsAlias } from './contractsAlias';

// The browser talks to one origin; the dev server and `vite preview` forward to the two services.
const accountsUrl = process.env.PARTYLINE_ACCOUNTS_URL ?? 'http://127.0.0.1:4001';
const messagesUrl = process.env.PARTYLINE_MESSAGES_URL ?? 'http://127.0.0.1:4002';

// Order matters: the first matching prefix wins, so the accounts routes come before the catch-all `/api`.
const proxy = {
  '/api/auth': { target: accountsUrl },
  '/api/users': { target: accountsUrl },
  '/.well-known': { target: accountsUrl },
  '/api': { target: messagesUrl },
  '/socket.io': { target: messagesUrl, ws: true },
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: contractsAlias },
  server: { port: 5173, strictPort: true, host: '127.0.0.1', proxy },
  preview: { port: 5173, strictPort: true, host: '127.0.0.1', proxy },
  build: { sourcemap: true, chunkSizeWarningLimit: 1500 },
});
