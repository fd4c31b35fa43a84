// Attachments. Uploading to a topic needs membership (404 TOPIC.NOT_FOUND otherwise); an attachment is seen
// by the members of its party once sent, and by its uploader alone before that (404 ATTACHMENT.NOT_FOUND for
// anyone else, exactly like one that does not exist).
import {
  AttachmentParams,
  AttachmentUpload,
  AttachmentUrl,
  AttachmentUrlQuery,
  CreateAttachmentBody,
  MyAttachment,
  TopicParams,
} from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentMyAttachment, presentUpload, presentUrl } from './attachments.presenter.js';
import type { AttachmentsService } from './attachments.service.js';

const tag = 'attachments';
const notFound = { 404: 'Not visible to me, or no such attachment (ATTACHMENT.NOT_FOUND)' } as const;
const unavailable = { 503: 'No object storage is configured (SERVICE.UNAVAILABLE)' } as const;

export const attachmentRoutes = (attachments: AttachmentsService): AnyRouteDef[] => [
  defineRoute({
    method: 'post',
    path: '/api/topics/:topicId/attachments',
    summary: 'Start an upload: a pending attachment and a presigned PUT for its bytes (then call complete)',
    tag,
    request: { params: TopicParams, body: CreateAttachmentBody },
    status: 201,
    reply: AttachmentUpload,
    errors: {
      404: 'Not a member, or no such topic (TOPIC.NOT_FOUND)',
      413: 'Larger than the configured limit (ATTACHMENT.TOO_LARGE)',
      429: 'Too many uploads (RATE_LIMITED)',
      ...unavailable,
    },
    handle: async (actor, { params, body }) =>
      presentUpload(await attachments.create(actor, params.topicId, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/attachments/:attachmentId/complete',
    summary: 'The bytes are uploaded: check them and make the attachment ready to send (idempotent)',
    tag,
    request: { params: AttachmentParams },
    status: 200,
    reply: MyAttachment,
    errors: {
      ...notFound,
      409: 'No object yet, or not the size and type that were granted (ATTACHMENT.NOT_UPLOADED)',
      ...unavailable,
    },
    handle: async (actor, { params }) =>
      presentMyAttachment(await attachments.complete(actor, params.attachmentId)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/attachments/:attachmentId',
    summary: 'An attachment (its thumbnail state, and whether it is sent)',
    tag,
    request: { params: AttachmentParams },
    status: 200,
    reply: MyAttachment,
    errors: notFound,
    handle: async (actor, { params }) =>
      presentMyAttachment(await attachments.get(actor, params.attachmentId)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/attachments/:attachmentId/url',
    summary: 'A short-lived presigned download URL (inline only for png/jpeg/gif/webp; else a download)',
    tag,
    request: { params: AttachmentParams, query: AttachmentUrlQuery },
    status: 200,
    reply: AttachmentUrl,
    errors: { ...notFound, ...unavailable },
    handle: async (actor, { params, query }) =>
      presentUrl(await attachments.url(actor, params.attachmentId, query.variant)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/attachments/:attachmentId',
    summary: 'Cancel an upload of mine that is in no message yet (idempotent)',
    tag,
    request: { params: AttachmentParams },
    status: 204,
    errors: { ...notFound, 409: 'Already part of a message (ATTACHMENT.UNUSABLE)' },
    handle: (actor, { params }) => attachments.remove(actor, params.attachmentId),
  }),
];
