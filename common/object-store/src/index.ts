// @partyline/object-store: the S3 object store both services use (attachments, avatars) and the S3_*
// variables that configure it.
export type { ObjectHead, ObjectStore, PresignGetOptions } from './object-store.js';
export { createS3ObjectStore, type S3ObjectStore, type S3StoreConfig } from './s3-object-store.js';
export { s3EnvShape, s3SettingsFromEnv, type S3Env, type S3Settings } from './s3-env.js';
