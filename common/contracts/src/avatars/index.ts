// accounts-service avatar contracts: the browser PUTs the picture straight to object storage with a
// presigned URL, then asks the service to make the avatar from it (cropped square, resized, WebP). The
// avatar is then served at an unguessable app URL that redirects to a short-lived presigned GET.
import { Id, Timestamp, z } from '../common.js';

// The sizes and types (AVATAR_UPLOAD_MAX_BYTES, AVATAR_SIZE, AVATAR_CONTENT_TYPES) are in limits.ts,
// which the browser client imports on its own.

/** 128 random bits, base64url: names one upload and, once made, the avatar (in its key and its URL). */
export const AvatarToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'Not an avatar id')
  .openapi({ example: 'Jx0cX3d9pQ1mN6bV8tY2aA' });

export const CreateAvatarUploadBody = z
  .object({
    /** The picture's type as the browser names it; anything but AVATAR_CONTENT_TYPES is AVATAR.TYPE_NOT_ALLOWED. */
    contentType: z.string().max(255),
    /** Bytes; more than AVATAR_UPLOAD_MAX_BYTES is AVATAR.TOO_LARGE. */
    size: z.number().int().positive(),
  })
  .strict()
  .openapi('CreateAvatarUploadBody');
export type CreateAvatarUploadBody = z.infer<typeof CreateAvatarUploadBody>;

/** Where to PUT the picture: exactly these headers (type and length are signed), before `expiresAt`. */
export const AvatarUpload = z
  .object({
    uploadId: AvatarToken,
    upload: z.object({
      method: z.literal('PUT'),
      url: z.url(),
      headers: z.record(z.string(), z.string()),
      expiresAt: Timestamp,
    }),
  })
  .openapi('AvatarUpload');
export type AvatarUpload = z.infer<typeof AvatarUpload>;

export const CompleteAvatarBody = z.object({ uploadId: AvatarToken }).strict().openapi('CompleteAvatarBody');
export type CompleteAvatarBody = z.infer<typeof CompleteAvatarBody>;

export const AvatarParams = z.object({ userId: Id, token: AvatarToken }).strict();
export type AvatarParams = z.infer<typeof AvatarParams>;

/** The app path of a user's avatar: public to whoever knows it, unguessable (the token is 128 random bits). */
export const avatarPath = (userId: string, token: string) => `/api/users/${userId}/avatar/${token}`;
