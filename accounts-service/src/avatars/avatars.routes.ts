// /api/users/me/avatar and the public avatar URLs. Thin: parse, one service call, present (or redirect).
import type { RequestHandler } from 'express';

import {
  AppError,
  AvatarParams,
  AvatarUpload,
  CompleteAvatarBody,
  CreateAvatarUploadBody,
  Me,
} from '@partyline/contracts';

import { defineRoute, type AccountsRoute } from '../app/route.js';
import { presentMe } from '../users/users.presenter.js';
import type { AvatarService } from './avatars.service.js';

const tag = 'users';

/** Without object storage (S3_BUCKET unset) the avatar routes answer 503 before reading anything. */
const unavailable: RequestHandler = (_req, _res, next) =>
  next(new AppError('SERVICE.UNAVAILABLE', 'Avatars are not configured on this server'));

export const avatarsRoutes = (avatars: AvatarService | undefined): AccountsRoute[] => {
  const before = avatars ? [] : [unavailable];
  const service = () => avatars as AvatarService; // only reached when configured (`before` answers first)
  const off = { 503: 'Avatars are not configured (SERVICE.UNAVAILABLE)' } as const;
  return [
    defineRoute({
      method: 'post',
      path: '/api/users/me/avatar',
      summary: 'Start an avatar upload: a presigned PUT for the picture',
      tag,
      before,
      request: { body: CreateAvatarUploadBody },
      status: 201,
      reply: AvatarUpload,
      errors: {
        404: 'No such user (USER.NOT_FOUND)',
        413: 'The picture is too large (AVATAR.TOO_LARGE)',
        415: 'Not a PNG, JPEG, WebP or GIF (AVATAR.TYPE_NOT_ALLOWED)',
        ...off,
      },
      handle: (caller, { body }) => service().createUpload(caller.userId(), body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/me/avatar/complete',
      summary: 'Make the avatar from the uploaded picture and show it on the profile',
      tag,
      before,
      request: { body: CompleteAvatarBody },
      status: 200,
      reply: Me,
      errors: {
        400: 'The picture cannot be read (AVATAR.UNUSABLE) or is animated (AVATAR.ANIMATED)',
        404: 'No such user (USER.NOT_FOUND)',
        409: 'Nothing was uploaded with this id (AVATAR.NOT_UPLOADED)',
        413: 'The picture is too large or has too many pixels (AVATAR.TOO_LARGE, AVATAR.TOO_MANY_PIXELS)',
        ...off,
      },
      handle: async (caller, { body }) =>
        presentMe(await service().complete(caller.userId(), body.uploadId, caller)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/users/me/avatar',
      summary: 'Remove the avatar',
      tag,
      before,
      request: {},
      status: 200,
      reply: Me,
      errors: { 404: 'No such user (USER.NOT_FOUND)', ...off },
      handle: async (caller) => presentMe(await service().remove(caller.userId(), caller)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:userId/avatar/:token',
      summary: "A user's avatar: a redirect to a short-lived URL of the picture (public, unguessable)",
      tag,
      security: 'none',
      before,
      request: { params: AvatarParams },
      status: 302,
      replyDescription:
        'Found: Location is a presigned GET of the WebP avatar; Cache-Control says how long to keep it',
      errors: { 404: 'No such avatar, or it was replaced (AVATAR.NOT_FOUND)', ...off },
      handle: async (_caller, { params }, { res }) => {
        const { url, maxAgeSeconds } = await service().redirect(params.userId, params.token);
        res.set('Cache-Control', `private, max-age=${maxAgeSeconds}`);
        res.redirect(302, url);
      },
    }),
  ];
};
