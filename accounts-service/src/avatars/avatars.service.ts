// Avatars: the browser PUTs a picture straight to object storage (a presigned URL bound to its type and
// size), then `complete` makes the avatar from it and points the profile at it, which publishes
// UserUpdated. The avatar is served at an unguessable app URL that redirects to a presigned GET, so an
// <img> (which sends no token) shows it to everyone who was given the URL, as Discord's avatars.
import { randomBytes } from 'node:crypto';

import {
  AVATAR_CONTENT_TYPES,
  AVATAR_UPLOAD_MAX_BYTES,
  AppError,
  avatarPath,
  type AvatarUpload,
  type CreateAvatarUploadBody,
} from '@partyline/contracts';
import type { ObjectStore } from '@partyline/object-store';

import type { RequestContext } from '../users/user-events.js';
import type { OwnProfile, UserService } from '../users/users.service.js';

/** The picture as uploaded; deleted once the avatar is made (a lifecycle rule catches abandoned ones). */
export const uploadKey = (userId: string, token: string) => `avatars/uploads/${userId}/${token}`;
/** The avatar the service made; its token is also in the public URL. */
export const avatarKey = (userId: string, token: string) => `avatars/${userId}/${token}.webp`;

/**
 * Presigned GETs are signed at the start of a window and valid for two, so every request in a window gets
 * the same URL (the browser's image cache holds) and a URL handed out is valid for at least one window.
 */
const SIGNING_WINDOW_SECONDS = 30 * 60;
/** The redirect is cached this much less than the presigned URL it names stays valid. */
const CACHE_MARGIN_SECONDS = 60;

const ALLOWED = new Set<string>(AVATAR_CONTENT_TYPES);
const normalize = (contentType: string) => (contentType.split(';')[0] ?? '').trim().toLowerCase();

interface AvatarServiceDeps {
  store: ObjectStore;
  users: Pick<UserService, 'getPublic' | 'getMe' | 'setStoredAvatar'>;
  /** Makes the avatar's bytes from the picture (sharp); throws an AVATAR.* AppError when it cannot. */
  makeAvatar: (picture: Buffer) => Promise<Buffer>;
  uploadUrlTtlSeconds: number;
  now?: () => Date;
}

export interface AvatarRedirect {
  url: string;
  /** How long the browser may keep the redirect (seconds). */
  maxAgeSeconds: number;
}

export function createAvatarService(deps: AvatarServiceDeps) {
  const { store, users, now = () => new Date() } = deps;

  return {
    /** A presigned PUT for a new picture of the signed-in user; checks the type and size first. */
    async createUpload(userId: string, body: CreateAvatarUploadBody): Promise<AvatarUpload> {
      const contentType = normalize(body.contentType);
      if (!ALLOWED.has(contentType)) {
        throw new AppError(
          'AVATAR.TYPE_NOT_ALLOWED',
          `An avatar is a PNG, JPEG, WebP or GIF picture, not ${contentType || 'this file'}`,
        );
      }
      if (body.size > AVATAR_UPLOAD_MAX_BYTES) {
        throw new AppError(
          'AVATAR.TOO_LARGE',
          `The picture is larger than ${AVATAR_UPLOAD_MAX_BYTES / 1024 / 1024} MB`,
        );
      }
      await users.getPublic(userId); // a deleted account gets USER.NOT_FOUND, not an upload URL
      const uploadId = randomBytes(16).toString('base64url');
      const signed = await store.presignPut(uploadKey(userId, uploadId), {
        contentType,
        contentLength: body.size,
        expiresInSeconds: deps.uploadUrlTtlSeconds,
      });
      return {
        uploadId,
        upload: {
          method: 'PUT',
          url: signed.url,
          headers: signed.headers,
          expiresAt: new Date(now().getTime() + deps.uploadUrlTtlSeconds * 1000).toISOString(),
        },
      };
    },

    /**
     * Makes the avatar from an uploaded picture and points the profile at it. A retry after success finds
     * the profile already there and answers the same; a picture that cannot be used is deleted.
     */
    async complete(userId: string, uploadId: string, ctx: RequestContext): Promise<OwnProfile> {
      const key = avatarKey(userId, uploadId);
      const current = await users.getMe(userId);
      if (current.user.avatarKey === key) return current;

      const source = uploadKey(userId, uploadId);
      const uploaded = await store.head(source);
      if (uploaded === null) {
        throw new AppError('AVATAR.NOT_UPLOADED', 'No picture was uploaded with this id (or it expired)');
      }
      let avatar: Buffer;
      try {
        if (uploaded.size > AVATAR_UPLOAD_MAX_BYTES) {
          throw new AppError('AVATAR.TOO_LARGE', 'The uploaded picture is larger than allowed');
        }
        avatar = await deps.makeAvatar(await store.read(source, AVATAR_UPLOAD_MAX_BYTES));
      } catch (error) {
        await store.remove([source]).catch(() => undefined);
        throw error;
      }
      await store.write(key, avatar, 'image/webp');
      const profile = await users.setStoredAvatar(
        userId,
        { avatarUrl: avatarPath(userId, uploadId), avatarKey: key },
        ctx,
      );
      await store.remove([source]).catch(() => undefined);
      return profile;
    },

    /** Removes the avatar (its object too); the profile shows initials again. */
    remove(userId: string, ctx: RequestContext): Promise<OwnProfile> {
      return users.setStoredAvatar(userId, null, ctx);
    },

    /**
     * Where the avatar behind a public URL is now: a presigned GET, while the profile still points at it.
     * A replaced avatar, a deleted account or a made-up token is AVATAR.NOT_FOUND.
     */
    async redirect(userId: string, token: string): Promise<AvatarRedirect> {
      const key = avatarKey(userId, token);
      const user = await users.getPublic(userId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'USER.NOT_FOUND') return null;
        throw error;
      });
      if (user?.avatarKey !== key) throw AppError.notFound('AVATAR.NOT_FOUND', 'No such avatar');
      const nowMs = now().getTime();
      const windowMs = SIGNING_WINDOW_SECONDS * 1000;
      const signedAt = new Date(Math.floor(nowMs / windowMs) * windowMs);
      const expiresInSeconds = 2 * SIGNING_WINDOW_SECONDS;
      const url = await store.presignGet(key, {
        expiresInSeconds,
        signingDate: signedAt,
        // Made by the service from a decoded raster image: always this type, shown inline.
        contentType: 'image/webp',
        contentDisposition: 'inline',
        // The object behind a key never changes (a new avatar gets a new key).
        cacheControl: 'private, max-age=86400, immutable',
      });
      const validFor = Math.floor((signedAt.getTime() + expiresInSeconds * 1000 - nowMs) / 1000);
      return { url, maxAgeSeconds: Math.max(0, validFor - CACHE_MARGIN_SECONDS) };
    },
  };
}

export type AvatarService = ReturnType<typeof createAvatarService>;
