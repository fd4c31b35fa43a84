// Avatars' objects on S3 (the AWS SDK v3): AWS S3 in production, SeaweedFS's S3 gateway locally. A small
// store of its own rather than an import of messages-service's attachments store (services share only
// common/ workspaces); the same SDK, the same configuration variables, a bucket that may be shared.
import {
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

export interface AvatarStoreConfig {
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

export interface AvatarStore {
  /** A PUT URL whose signature binds the key, Content-Type and Content-Length. */
  presignPut(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /**
   * A GET URL signed at `signedAt` (the caller rounds it, so every request in a window gets the same URL and
   * the browser's cache of the image holds), valid for `expiresInSeconds` from then.
   */
  presignGet(key: string, options: { signedAt: Date; expiresInSeconds: number }): Promise<string>;
  /** The object's size, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** The whole object; refused when it is larger than maxBytes. */
  read(key: string, maxBytes: number): Promise<Buffer>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Deletes these objects; a missing one counts as deleted. */
  remove(keys: string[]): Promise<void>;
  /** Local stacks only: creates the bucket when missing and lets these origins PUT to it from a browser. */
  ensureBucket(corsOrigins: string[]): Promise<void>;
  close(): void;
}

function clientConfig(config: AvatarStoreConfig, endpoint: string | undefined): S3ClientConfig {
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

export function createAvatarStore(config: AvatarStoreConfig): AvatarStore {
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

    presignGet(key, { signedAt, expiresInSeconds }) {
      return getSignedUrl(
        signer,
        new GetObjectCommand({
          Bucket,
          Key: key,
          // Made by the service from a decoded raster image: always this type, shown inline.
          ResponseContentType: 'image/webp',
          ResponseContentDisposition: 'inline',
          // The object behind a key never changes (a new avatar gets a new key).
          ResponseCacheControl: 'private, max-age=86400, immutable',
        }),
        { expiresIn: expiresInSeconds, signingDate: signedAt },
      );
    },

    async size(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
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
      if (keys.length === 0) return;
      const reply = await client.send(
        new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = (reply.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) {
        throw new Error(
          `could not delete ${failed.length} objects: ${failed[0]?.Code} ${failed[0]?.Message}`,
        );
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
      // The bucket is shared (messages-service's attachments, other local apps): keep the origins allowed.
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
