// The port between the attachments service and object storage (S3 in AWS, SeaweedFS's S3 gateway locally).
// The service only issues presigned URLs and checks objects; the browser moves the bytes.

export interface ObjectHead {
  size: number;
  contentType: string | null;
}

export interface ObjectStore {
  /** A PUT URL whose signature binds the key, Content-Type and Content-Length; the headers to send with it. */
  presignPut(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** A GET URL that makes the storage answer with these Content-Type and Content-Disposition headers. */
  presignGet(
    key: string,
    options: { contentType: string; contentDisposition: string; expiresInSeconds: number },
  ): Promise<string>;
  /** null when there is no such object. */
  head(key: string): Promise<ObjectHead | null>;
  /** A server-side copy (the bytes never pass through the service). */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** The whole object, refused when it is larger than maxBytes (background thumbnails only). */
  read(key: string, maxBytes: number): Promise<Buffer>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Deletes these objects; a missing one counts as deleted. */
  remove(keys: string[]): Promise<void>;
}

/** Makes a small image (the thumbnailer, with sharp); null when the bytes are not an image it can read. */
export interface Thumbnailer {
  thumbnail(
    image: Buffer,
  ): Promise<{ body: Buffer; contentType: string; width: number; height: number } | null>;
}
