// ObjectStore on S3 (the AWS SDK v3): AWS S3 in production, SeaweedFS's S3 gateway locally. URLs are
// presigned for `publicEndpoint` when the browser reaches the storage at another address than the service.
// Both services use it, possibly on one bucket (messages-service's attachments, accounts-service's avatars
// under avatars/).
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

import type { ObjectStore } from './object-store.js';

export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** Unset in AWS; the local or compose S3 gateway otherwise. */
  endpoint?: string;
  /** The endpoint the browser uses for presigned URLs (default: endpoint). */
  publicEndpoint?: string;
  /** Unset in AWS (the task role's credentials). */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export interface S3ObjectStore extends ObjectStore {
  /** Local stacks only: creates the bucket when missing and lets these origins PUT and GET from a browser. */
  ensureBucket(corsOrigins: string[]): Promise<void>;
  close(): void;
}

/** DeleteObjects takes at most this many keys a request. */
const DELETE_BATCH = 1000;

function clientConfig(config: S3StoreConfig, endpoint: string | undefined): S3ClientConfig {
  return {
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    // A presigned PUT cannot carry a checksum of bytes the service never sees.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  };
}

const isMissing = (error: unknown): boolean =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

export function createS3ObjectStore(config: S3StoreConfig): S3ObjectStore {
  const client = new S3Client(clientConfig(config, config.endpoint));
  const signer =
    config.publicEndpoint && config.publicEndpoint !== config.endpoint
      ? new S3Client(clientConfig(config, config.publicEndpoint))
      : client;
  const Bucket = config.bucket;

  return {
    async presignPut(key, { contentType, contentLength, expiresInSeconds }) {
      const url = await getSignedUrl(
        signer,
        new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: contentLength }),
        // Signed as headers (not hoisted into the query), so the storage refuses another type or size.
        { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
      );
      return { url, headers: { 'Content-Type': contentType } };
    },

    presignGet(key, { expiresInSeconds, contentType, contentDisposition, cacheControl, signingDate }) {
      return getSignedUrl(
        signer,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentType: contentType,
          ResponseContentDisposition: contentDisposition,
          ResponseCacheControl: cacheControl,
        }),
        { expiresIn: expiresInSeconds, ...(signingDate === undefined ? {} : { signingDate }) },
      );
    },

    async head(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async copy(fromKey, toKey) {
      await client.send(
        new CopyObjectCommand({ Bucket, Key: toKey, CopySource: `${Bucket}/${encodeURI(fromKey)}` }),
      );
    },

    async read(key, maxBytes) {
      const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      if ((object.ContentLength ?? 0) > maxBytes) {
        await object.Body?.transformToByteArray().catch(() => undefined);
        throw new Error(`object ${key} is larger than ${maxBytes} bytes`);
      }
      const bytes = await object.Body?.transformToByteArray();
      if (!bytes) throw new Error(`object ${key} has no body`);
      return Buffer.from(bytes);
    },

    async write(key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async remove(keys) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const reply = await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = (reply.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failed.length > 0) {
          throw new Error(
            `could not delete ${failed.length} objects: ${failed[0]?.Code} ${failed[0]?.Message}`,
          );
        }
      }
    },

    async ensureBucket(corsOrigins) {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        if (!isMissing(error)) throw error;
        await client.send(new CreateBucketCommand({ Bucket })).catch((createError: unknown) => {
          // Another service or instance created it first.
          if (!(createError instanceof S3ServiceException && createError.name.startsWith('BucketAlready'))) {
            throw createError;
          }
        });
      }
      if (corsOrigins.length === 0) return;
      // The bucket is shared (both services, other local apps on other ports): keep the origins allowed.
      const existing = await client
        .send(new GetBucketCorsCommand({ Bucket }))
        .then((reply) => reply.CORSRules?.flatMap((rule) => rule.AllowedOrigins ?? []) ?? [])
        .catch((): string[] => []);
      if (corsOrigins.every((origin) => existing.includes(origin))) return;
      await client.send(
        new PutBucketCorsCommand({
          Bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: [...new Set([...existing, ...corsOrigins])],
                AllowedMethods: ['GET', 'PUT', 'HEAD'],
                AllowedHeaders: ['content-type', 'content-length'],
                ExposeHeaders: ['ETag'],
                MaxAgeSeconds: 600,
              },
            ],
          },
        }),
      );
    },

    close() {
      client.destroy();
      if (signer !== client) signer.destroy();
    },
  };
}
