// accounts-service contracts: REST bodies and replies, and their OpenAPI route registrations.
export * from './schemas.js';
export * from './openapi.js';
