// @partyline/contracts: every shape that crosses a process boundary, as zod schemas with inferred types.
// Each area owns its folder; this file only re-exports them.
export * from './common.js';
export * from './errors.js';
export * from './limits.js';
export * from './text.js';
export * from './events/index.js';
export * from './accounts/index.js';
export * from './messages/index.js';
export * from './attachments/index.js';
export * from './direct/index.js';
export * from './avatars/index.js';
export * from './socket/index.js';
