// @partyline/http: the HTTP plumbing both services share: correlation ids, request validation with the
// contracts, the one error-to-response map, health and readiness routes, and the route table that mounts
// and documents every REST route.
import './request-types.js';

export * from './config-error.js';
export * from './correlation-id.js';
export * from './validate.js';
export * from './error-handler.js';
export * from './json-body.js';
export * from './listen.js';
export * from './ops-app.js';
export * from './health.js';
export * from './request-logger.js';
export * from './route-table.js';
export * from './same-origin.js';
export * from './service-metrics.js';
export * from './trust-proxy.js';
