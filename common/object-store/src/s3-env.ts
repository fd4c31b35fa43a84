// The S3_* variables, the same in both services (their bucket may be one): a fragment of each service's
// environment schema, and what its loadConfig makes of it. The storage is on when S3_BUCKET is set. In AWS
// only the bucket and region (the task role signs); locally the S3 gateway's endpoint and keys too.
import { z } from '@partyline/contracts';

import type { S3StoreConfig } from './s3-object-store.js';

/** Spread into a service's environment schema: `z.object({ ...s3EnvShape, … })`. */
export const s3EnvShape = {
  S3_BUCKET: z.string().trim().min(3).optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  /** Where browsers reach the storage, when not at S3_ENDPOINT (docker-compose). */
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
  /** Local stacks only: create the bucket and let the app's origins PUT and GET from a browser (never in AWS). */
  S3_CREATE_BUCKET: z.stringbool().default(false),
};

/** The parsed S3_* variables (any schema that spreads the shape parses into at least these). */
export type S3Env = z.output<z.ZodObject<typeof s3EnvShape>>;

/** The store's connection, and whether this process creates the bucket at start (S3_CREATE_BUCKET). */
export interface S3Settings extends S3StoreConfig {
  createBucket: boolean;
}

/** The parsed S3_* variables as settings; undefined when S3_BUCKET is unset (the feature is off). */
export function s3SettingsFromEnv(env: S3Env): S3Settings | undefined {
  if (env.S3_BUCKET === undefined) return undefined;
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    ...(env.S3_ENDPOINT === undefined ? {} : { endpoint: env.S3_ENDPOINT }),
    ...(env.S3_PUBLIC_ENDPOINT === undefined ? {} : { publicEndpoint: env.S3_PUBLIC_ENDPOINT }),
    ...(env.S3_ACCESS_KEY_ID === undefined ? {} : { accessKeyId: env.S3_ACCESS_KEY_ID }),
    ...(env.S3_SECRET_ACCESS_KEY === undefined ? {} : { secretAccessKey: env.S3_SECRET_ACCESS_KEY }),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    createBucket: env.S3_CREATE_BUCKET,
  };
}
