// @partyline/auth: access tokens (sign, verify, key resolution), the Express and socket.io middleware that
// use them, and the HTTP plumbing both services share (correlation ids, validation, error responses,
// health and readiness routes).
export * from './tokens/keys.js';
export * from './tokens/signer.js';
export * from './tokens/key-resolver.js';
export * from './tokens/verifier.js';
export * from './express/require-auth.js';
export * from './socket/socket-auth.js';
export * from './http/correlation-id.js';
export * from './http/validate.js';
export * from './http/error-handler.js';
export * from './http/health.js';
