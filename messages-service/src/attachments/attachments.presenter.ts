// Allow-listed attachment shapes: the object keys and the uploader never leave the service.
import type { Attachment, AttachmentUpload, AttachmentUrl, MyAttachment } from '@partyline/contracts';

import type { AttachmentRecord, MessageAttachmentRecord } from './attachments.repository.js';

export const presentAttachment = (a: AttachmentRecord | MessageAttachmentRecord): Attachment => ({
  id: a.id,
  name: a.name,
  size: a.size,
  contentType: a.contentType,
  ...(a.width === null ? {} : { width: a.width }),
  ...(a.height === null ? {} : { height: a.height }),
  hasThumbnail: 'hasThumbnail' in a ? a.hasThumbnail : a.thumbnailKey !== null,
});

export const presentMyAttachment = (a: AttachmentRecord): MyAttachment => ({
  ...presentAttachment(a),
  topicId: a.topicId,
  status: a.status,
  messageId: a.messageId,
  createdAt: a.createdAt.toISOString(),
});

export const presentUpload = (created: {
  attachment: AttachmentRecord;
  upload: { url: string; headers: Record<string, string>; expiresAt: Date };
}): AttachmentUpload => ({
  attachment: presentMyAttachment(created.attachment),
  upload: {
    method: 'PUT',
    url: created.upload.url,
    headers: created.upload.headers,
    expiresAt: created.upload.expiresAt.toISOString(),
  },
});

export const presentUrl = (signed: { url: string; expiresAt: Date; inline: boolean }): AttachmentUrl => ({
  url: signed.url,
  expiresAt: signed.expiresAt.toISOString(),
  inline: signed.inline,
});
