// @partyline/auth: access tokens (sign, verify, key resolution) and the Express and socket.io middleware
// that use them. The rest of the HTTP plumbing lives in @partyline/http.
import './express/request-types.js';

export * from './tokens/keys.js';
export * from './tokens/signer.js';
export * from './tokens/key-resolver.js';
export * from './tokens/verifier.js';
export * from './express/require-auth.js';
export * from './socket/socket-auth.js';
