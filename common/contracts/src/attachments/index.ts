// messages-service attachment contracts: uploads go from the browser straight to object storage with a
// presigned PUT, downloads come from short-lived presigned GETs. The service never carries the bytes.
import { Id, Timestamp, z } from '../common.js';
import { ATTACHMENT_NAME_MAX, ATTACHMENTS_PER_MESSAGE_MAX } from '../limits.js';
import { storableString } from '../text.js';

/** A MIME type as the browser names it (`type/subtype`, parameters allowed); the server decides how it is served. */
export const ContentType = z
  .string()
  .max(255)
  .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'Not a MIME type')
  .openapi({ example: 'image/png' });

/** What a message shows of an attachment (allow-listed; the object keys never leave the service). */
export const Attachment = z
  .object({
    id: Id,
    name: z.string(),
    size: z.number().int().positive(),
    contentType: z.string(),
    /** Pixel size of an image whose dimensions could be read. */
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    hasThumbnail: z.boolean(),
  })
  .openapi('Attachment');
export type Attachment = z.infer<typeof Attachment>;

/** An upload of mine that is waiting for its bytes (pending) or done and not yet in a message (ready). */
export const MyAttachment = Attachment.extend({
  topicId: Id,
  status: z.enum(['pending', 'ready']),
  /** The message it belongs to, once sent. */
  messageId: Id.nullable(),
  createdAt: Timestamp,
}).openapi('MyAttachment');
export type MyAttachment = z.infer<typeof MyAttachment>;

export const CreateAttachmentBody = z
  .object({
    name: storableString().trim().min(1).max(ATTACHMENT_NAME_MAX),
    /** Bytes; the service refuses more than its configured limit (ATTACHMENT.TOO_LARGE). */
    size: z.number().int().positive(),
    contentType: ContentType,
  })
  .strict()
  .openapi('CreateAttachmentBody');
export type CreateAttachmentBody = z.infer<typeof CreateAttachmentBody>;

/**
 * Where to PUT the bytes: exactly these headers (Content-Type and Content-Length are part of the signature,
 * so another type or size is refused by the storage), before `expiresAt`; then call `complete`.
 */
export const AttachmentUpload = z
  .object({
    attachment: MyAttachment,
    upload: z.object({
      method: z.literal('PUT'),
      url: z.url(),
      headers: z.record(z.string(), z.string()),
      expiresAt: Timestamp,
    }),
  })
  .openapi('AttachmentUpload');
export type AttachmentUpload = z.infer<typeof AttachmentUpload>;

export const AttachmentParams = z.object({ attachmentId: Id }).strict();

export const AttachmentUrlQuery = z
  .object({ variant: z.enum(['original', 'thumbnail']).default('original') })
  .strict()
  .openapi('AttachmentUrlQuery');
export type AttachmentUrlQuery = z.infer<typeof AttachmentUrlQuery>;

/** A short-lived presigned GET. `inline` tells whether the browser may show it in the page (safe images only). */
export const AttachmentUrl = z
  .object({ url: z.url(), expiresAt: Timestamp, inline: z.boolean() })
  .openapi('AttachmentUrl');
export type AttachmentUrl = z.infer<typeof AttachmentUrl>;

/** On a send: my own ready uploads of the same topic that are in no message yet. */
export const AttachmentIds = z.array(Id).max(ATTACHMENTS_PER_MESSAGE_MAX);
