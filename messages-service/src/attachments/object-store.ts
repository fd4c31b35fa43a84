// The ports of the attachments feature. Object storage is @partyline/object-store's port (S3 in AWS,
// SeaweedFS's S3 gateway locally), shared with accounts-service's avatars: the service only issues presigned
// URLs and checks objects; the browser moves the bytes.
export type { ObjectStore } from '@partyline/object-store';

/** Makes a small image (the thumbnailer, with sharp); null when the bytes are not an image it can read. */
export interface Thumbnailer {
  thumbnail(
    image: Buffer,
  ): Promise<{ body: Buffer; contentType: string; width: number; height: number } | null>;
}
