// The port between a feature and object storage (S3 in AWS, SeaweedFS's S3 gateway locally). A service only
// issues presigned URLs and checks objects; the browser moves the bytes.

export interface ObjectHead {
  size: number;
  contentType: string | null;
}

export interface PresignGetOptions {
  expiresInSeconds: number;
  /** The Content-Type the storage answers with (default: the one stored with the object). */
  contentType?: string;
  /** The Content-Disposition the storage answers with (`inline`, `attachment; filename=…`). */
  contentDisposition?: string;
  /** The Cache-Control the storage answers with (default: none). */
  cacheControl?: string;
  /**
   * The instant the URL is signed at (default: now); it is valid for `expiresInSeconds` from then. A caller
   * that rounds it hands out the same URL for a whole window, so the browser's cache of the object holds.
   */
  signingDate?: Date;
}

export interface ObjectStore {
  /** A PUT URL whose signature binds the key, Content-Type and Content-Length; the headers to send with it. */
  presignPut(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** A GET URL that makes the storage answer with the response headers asked for. */
  presignGet(key: string, options: PresignGetOptions): Promise<string>;
  /** null when there is no such object. */
  head(key: string): Promise<ObjectHead | null>;
  /** A server-side copy (the bytes never pass through the service). */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** The whole object, refused when it is larger than maxBytes. */
  read(key: string, maxBytes: number): Promise<Buffer>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Deletes these objects (any number); a missing one counts as deleted. */
  remove(keys: string[]): Promise<void>;
}
