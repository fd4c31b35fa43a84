// Attachments: a member asks to upload a file to a topic and gets a presigned PUT; once the browser has put
// the bytes, `complete` checks the object (size, type) and makes it ready; a send links ready uploads to its
// message; members of the party get short-lived presigned GETs. The service never carries the bytes. Objects
// of deleted rows are removed by the purger; uploads never sent are swept after a configured age.
import { randomUUID } from 'node:crypto';

import { AppError, type CreateAttachmentBody } from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import type { MessagesRepository } from '../messages/messages.repository.js';
import type { Actor } from '../shared/actor.js';
import { topicNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import type { RateLimit } from '../shared/rate-limit.js';
import type { Transaction } from '../shared/transaction.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type { AttachmentRecord, AttachmentsRepository } from './attachments.repository.js';
import { isInlineImage, normalizeContentType, sanitizeFileName, servedAs } from './content-safety.js';
import type { ObjectStore, Thumbnailer } from './object-store.js';

export interface AttachmentsSettings {
  /** Largest upload in bytes. */
  maxBytes: number;
  /** Lifetime of a presigned PUT and of a presigned GET. */
  uploadUrlTtlSeconds: number;
  downloadUrlTtlSeconds: number;
  /** An upload that is in no message after this long is swept with its objects. */
  sweepAfterSeconds: number;
}

interface AttachmentsServiceDeps {
  attachments: AttachmentsRepository;
  members: Pick<MembersRepository, 'findRole'>;
  topics: Pick<TopicsRepository, 'findForMember'>;
  /** null: no object storage is configured (every call answers SERVICE.UNAVAILABLE). */
  store: ObjectStore | null;
  thumbnailer: Thumbnailer;
  settings: AttachmentsSettings;
  /** Per user; shared with sends. */
  limit: RateLimit;
  /** Told when an upload became ready, so the thumbnailer need not wait for its next round. */
  onReady?: () => void;
  /**
   * A thumbnail made after its message was sent changes that message like an edit does: the topic's change
   * counter (so a sync converges) and message:updated to the party (so open clients show it at once).
   * Without these, the thumbnail is only recorded (tests of other things).
   */
  messageChanges?: {
    tx: Transaction<{
      attachments: Pick<AttachmentsRepository, 'findMessageId' | 'recordThumbnail'>;
      messages: Pick<MessagesRepository, 'lock' | 'markChanged'>;
      topics: Pick<TopicsRepository, 'nextChange'>;
    }>;
    messages: Pick<MessagesRepository, 'find'>;
    notify: Notify;
  };
  clock?: () => Date;
}

export const attachmentNotFound = (): AppError =>
  AppError.notFound('ATTACHMENT.NOT_FOUND', 'No such attachment');

const unavailable = (): AppError =>
  AppError.unavailable('File uploads are not configured on this server', 60);

const pendingKey = (a: { partyId: string; id: string }) => `pending/${a.partyId}/${a.id}`;
const fileKey = (a: { partyId: string; id: string }) => `files/${a.partyId}/${a.id}`;
const thumbnailKey = (a: { partyId: string; id: string }) => `thumbnails/${a.partyId}/${a.id}.webp`;

export function createAttachmentsService(deps: AttachmentsServiceDeps) {
  const { attachments, members, topics, thumbnailer, settings } = deps;
  const clock = deps.clock ?? (() => new Date());

  const requireStore = (): ObjectStore => {
    if (!deps.store) throw unavailable();
    return deps.store;
  };

  /**
   * The attachment if the actor may see it: a sent one to every member of its party, an unsent one to its
   * uploader alone (while still a member). Anything else answers exactly like a missing one.
   */
  async function requireVisible(actor: Actor, id: string): Promise<AttachmentRecord> {
    const attachment = await attachments.find(id);
    if (!attachment) throw attachmentNotFound();
    if (attachment.messageId === null && attachment.uploaderId !== actor.id) throw attachmentNotFound();
    if ((await members.findRole(attachment.partyId, actor.id)) === null) throw attachmentNotFound();
    return attachment;
  }

  async function requireMine(actor: Actor, id: string): Promise<AttachmentRecord> {
    const attachment = await requireVisible(actor, id);
    if (attachment.uploaderId !== actor.id) throw attachmentNotFound();
    return attachment;
  }

  /**
   * Records a made thumbnail; when its attachment is in a message by now, that message takes the topic's
   * next change in the same transaction and is pushed to the party after commit. The message row is locked
   * before the attachment row, in the order a delete takes them. False when the attachment is gone.
   */
  async function recordThumbnail(
    id: string,
    made: { thumbnailKey: string; width: number; height: number },
  ): Promise<boolean> {
    const changes = deps.messageChanges;
    if (!changes) return (await attachments.recordThumbnail(id, made)) !== null;
    const changed = await changes.tx(async (repos) => {
      const sentIn = await repos.attachments.findMessageId(id);
      const locked = sentIn ? await repos.messages.lock(sentIn) : null;
      const recorded = await repos.attachments.recordThumbnail(id, made);
      if (!recorded) return { recorded: false, messageId: null };
      const messageId = recorded.messageId;
      // Sent between the read and the update (rare): lock it now.
      const target = messageId && messageId !== sentIn ? await repos.messages.lock(messageId) : locked;
      if (!messageId || !target || target.deleted) return { recorded: true, messageId: null };
      await repos.messages.markChanged(messageId, await repos.topics.nextChange(target.topicId));
      return { recorded: true, messageId };
    });
    if (changed.messageId) {
      const message = await changes.messages.find(changed.messageId);
      if (message) changes.notify([(n) => n.messageUpdated(message)]);
    }
    return changed.recorded;
  }

  return {
    settings,

    /** A pending upload and the presigned PUT for its bytes (size and type bound into the signature). */
    async create(
      actor: Actor,
      topicId: string,
      input: CreateAttachmentBody,
    ): Promise<{
      attachment: AttachmentRecord;
      upload: { url: string; headers: Record<string, string>; expiresAt: Date };
    }> {
      const store = requireStore();
      const topic = await topics.findForMember(topicId, actor.id);
      if (!topic) throw topicNotFound();
      if (input.size > settings.maxBytes) {
        throw new AppError('ATTACHMENT.TOO_LARGE', `Files can be at most ${settings.maxBytes} bytes`, {
          details: { maxBytes: settings.maxBytes },
        });
      }
      await deps.limit(actor.id);
      const contentType = normalizeContentType(input.contentType);
      const id = randomUUID();
      const attachment = await attachments.insert({
        id,
        topicId,
        partyId: topic.partyId,
        uploaderId: actor.id,
        name: sanitizeFileName(input.name),
        size: input.size,
        contentType,
        objectKey: pendingKey({ partyId: topic.partyId, id }),
      });
      const signed = await store.presignPut(attachment.objectKey, {
        contentType,
        contentLength: input.size,
        expiresInSeconds: settings.uploadUrlTtlSeconds,
      });
      const expiresAt = new Date(clock().getTime() + settings.uploadUrlTtlSeconds * 1000);
      return { attachment, upload: { ...signed, expiresAt } };
    },

    /**
     * The bytes are there: checks the object's size and type against what was granted, moves it out of
     * pending/ (a server-side copy) and makes the upload ready. Idempotent. A wrong object is deleted and the
     * upload stays pending (ATTACHMENT.NOT_UPLOADED) until it expires.
     */
    async complete(actor: Actor, id: string): Promise<AttachmentRecord> {
      const store = requireStore();
      const attachment = await requireMine(actor, id);
      if (attachment.status === 'ready') return attachment;
      const head = await store.head(attachment.objectKey);
      if (!head) {
        throw AppError.conflict('ATTACHMENT.NOT_UPLOADED', 'The file has not been uploaded yet');
      }
      const typeMatches =
        head.contentType === null || normalizeContentType(head.contentType) === attachment.contentType;
      if (head.size !== attachment.size || !typeMatches) {
        await store.remove([attachment.objectKey]);
        throw AppError.conflict(
          'ATTACHMENT.NOT_UPLOADED',
          'The uploaded file does not match the size and type that were granted',
        );
      }
      const finalKey = fileKey(attachment);
      await store.copy(attachment.objectKey, finalKey);
      const ready = await attachments.markReady(
        id,
        finalKey,
        isInlineImage(attachment.contentType) ? 'waiting' : null,
      );
      if (!ready) {
        // A concurrent complete won; it owns the pending object's removal.
        return requireMine(actor, id);
      }
      await attachments.queueObjectDeletion([attachment.objectKey]);
      if (ready.thumbnailState === 'waiting') deps.onReady?.();
      return ready;
    },

    async get(actor: Actor, id: string): Promise<AttachmentRecord> {
      return requireVisible(actor, id);
    },

    /**
     * A short-lived presigned GET. The storage is told to answer with a safe Content-Type and with
     * Content-Disposition: attachment for anything but png/jpeg/gif/webp, so an HTML or SVG file downloads
     * instead of rendering.
     */
    async url(
      actor: Actor,
      id: string,
      variant: 'original' | 'thumbnail',
    ): Promise<{ url: string; expiresAt: Date; inline: boolean }> {
      const store = requireStore();
      const attachment = await requireVisible(actor, id);
      if (attachment.status !== 'ready') throw attachmentNotFound();
      const thumbnail = variant === 'thumbnail';
      if (thumbnail && !attachment.thumbnailKey) throw attachmentNotFound();
      const served = thumbnail
        ? servedAs('image/webp', `${attachment.name}.webp`)
        : servedAs(attachment.contentType, attachment.name);
      const url = await store.presignGet(thumbnail ? attachment.thumbnailKey! : attachment.objectKey, {
        contentType: served.contentType,
        contentDisposition: served.disposition,
        // The URL lives a few minutes; the browser need not ask again for what it just fetched.
        cacheControl: 'private, max-age=300',
        expiresInSeconds: settings.downloadUrlTtlSeconds,
      });
      return {
        url,
        expiresAt: new Date(clock().getTime() + settings.downloadUrlTtlSeconds * 1000),
        inline: served.inline,
      };
    },

    /** Cancels an upload of mine that is in no message yet (its objects are purged). Idempotent. */
    async remove(actor: Actor, id: string): Promise<void> {
      const attachment = await attachments.find(id);
      if (!attachment) return;
      if (attachment.uploaderId !== actor.id) throw attachmentNotFound();
      if (attachment.messageId !== null) {
        throw AppError.conflict('ATTACHMENT.UNUSABLE', 'This file is part of a message; delete the message');
      }
      await attachments.removeUnsent(id, actor.id);
    },

    /** Background: removes uploads that never became part of a message; how many went. */
    async sweepUnsent(): Promise<number> {
      return (await attachments.sweepUnsent(settings.sweepAfterSeconds)).length;
    },

    /** Background: deletes queued objects from storage; how many were deleted. */
    async purgeObjects(batch = 200): Promise<number> {
      if (!deps.store) return 0;
      const claimed = await attachments.claimDeletions(batch, 60);
      if (claimed.length === 0) return 0;
      await deps.store.remove(claimed.map((c) => c.objectKey));
      await attachments.forgetDeletions(claimed.map((c) => c.id));
      return claimed.length;
    },

    /** Background: thumbnails for ready images; how many were looked at. */
    async makeThumbnails(batch = 4): Promise<number> {
      const store = deps.store;
      if (!store) return 0;
      const work = await attachments.claimThumbnailWork(batch, 120);
      for (const attachment of work) {
        const image = await store.read(attachment.objectKey, settings.maxBytes);
        const made = await thumbnailer.thumbnail(image);
        if (!made) {
          await attachments.recordThumbnail(attachment.id, null);
          continue;
        }
        const key = thumbnailKey(attachment);
        await store.write(key, made.body, made.contentType);
        const recorded = await recordThumbnail(attachment.id, {
          thumbnailKey: key,
          width: made.width,
          height: made.height,
        });
        // The attachment went meanwhile (message deleted, swept): its trigger could not know this key.
        if (!recorded) await attachments.queueObjectDeletion([key]);
      }
      return work.length;
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
