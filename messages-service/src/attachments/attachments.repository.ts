// The attachments table and the queue of objects to delete (migrations/1733500000000_attachments.sql).
// Deleting a row queues its objects in the same statement (a trigger), whatever deleted it.
import type { Queryable } from '../db/pool.js';

export type AttachmentStatus = 'pending' | 'ready';

export interface AttachmentRecord {
  id: string;
  topicId: string;
  partyId: string;
  uploaderId: string;
  messageId: string | null;
  name: string;
  size: number;
  contentType: string;
  status: AttachmentStatus;
  objectKey: string;
  thumbnailKey: string | null;
  thumbnailState: 'waiting' | 'done' | 'none' | null;
  width: number | null;
  height: number | null;
  createdAt: Date;
  readyAt: Date | null;
}

interface AttachmentRow {
  id: string;
  topic_id: string;
  party_id: string;
  uploader_id: string;
  message_id: string | null;
  name: string;
  size: number;
  content_type: string;
  status: AttachmentStatus;
  object_key: string;
  thumbnail_key: string | null;
  thumbnail_state: 'waiting' | 'done' | 'none' | null;
  width: number | null;
  height: number | null;
  created_at: Date;
  ready_at: Date | null;
}

const COLUMNS = `id, topic_id, party_id, uploader_id, message_id, name, size, content_type, status, object_key,
  thumbnail_key, thumbnail_state, width, height, created_at, ready_at`;

const mapAttachment = (row: AttachmentRow): AttachmentRecord => ({
  id: row.id,
  topicId: row.topic_id,
  partyId: row.party_id,
  uploaderId: row.uploader_id,
  messageId: row.message_id,
  name: row.name,
  size: row.size,
  contentType: row.content_type,
  status: row.status,
  objectKey: row.object_key,
  thumbnailKey: row.thumbnail_key,
  thumbnailState: row.thumbnail_state,
  width: row.width,
  height: row.height,
  createdAt: row.created_at,
  readyAt: row.ready_at,
});

/** What a message shows of each of its attachments (the shape of MESSAGE_ATTACHMENTS_COLUMN's JSON). */
export interface MessageAttachmentRecord {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
}

/**
 * A select-list column for queries over `messages m`: its attachments as a JSON array, in upload order, so
 * a page of messages gets them in the same statement.
 */
export const MESSAGE_ATTACHMENTS_COLUMN = `(SELECT coalesce(json_agg(json_build_object(
    'id', a.id, 'name', a.name, 'size', a.size, 'contentType', a.content_type, 'width', a.width,
    'height', a.height, 'hasThumbnail', a.thumbnail_key IS NOT NULL) ORDER BY a.created_at, a.id), '[]'::json)
   FROM attachments a WHERE a.message_id = m.id) AS attachments`;

export function createAttachmentsRepository(db: Queryable) {
  return {
    async insert(attachment: {
      id: string;
      topicId: string;
      partyId: string;
      uploaderId: string;
      name: string;
      size: number;
      contentType: string;
      objectKey: string;
    }): Promise<AttachmentRecord> {
      const { rows } = await db.query<AttachmentRow>(
        `INSERT INTO attachments (id, topic_id, party_id, uploader_id, name, size, content_type, object_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          attachment.id,
          attachment.topicId,
          attachment.partyId,
          attachment.uploaderId,
          attachment.name,
          attachment.size,
          attachment.contentType,
          attachment.objectKey,
        ],
      );
      return mapAttachment(rows[0]!);
    },

    async find(id: string): Promise<AttachmentRecord | null> {
      const { rows } = await db.query<AttachmentRow>(`SELECT ${COLUMNS} FROM attachments WHERE id = $1`, [
        id,
      ]);
      return rows[0] ? mapAttachment(rows[0]) : null;
    },

    /** pending → ready with its final key; null when it was not pending any more (a concurrent complete). */
    async markReady(
      id: string,
      objectKey: string,
      thumbnailState: 'waiting' | null,
    ): Promise<AttachmentRecord | null> {
      const { rows } = await db.query<AttachmentRow>(
        `UPDATE attachments SET status = 'ready', object_key = $2, thumbnail_state = $3, ready_at = now(),
                thumbnail_after = now()
          WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
        [id, objectKey, thumbnailState],
      );
      return rows[0] ? mapAttachment(rows[0]) : null;
    },

    /** Deletes one upload of this user that is in no message; true when it was there. */
    async removeUnsent(id: string, uploaderId: string): Promise<boolean> {
      const { rowCount } = await db.query(
        `DELETE FROM attachments WHERE id = $1 AND uploader_id = $2 AND message_id IS NULL`,
        [id, uploaderId],
      );
      return (rowCount ?? 0) > 0;
    },

    /** Queues objects for the purger (e.g. the pending copy of an upload that is now ready). */
    async queueObjectDeletion(keys: string[]): Promise<void> {
      if (keys.length === 0) return;
      await db.query(`INSERT INTO attachment_object_deletions (object_key) SELECT unnest($1::text[])`, [
        keys,
      ]);
    },

    /**
     * Links the author's ready, unsent uploads of this topic to the message; returns how many were linked.
     * Anything else in `ids` (someone else's, pending, another topic's, already sent) is left alone.
     */
    async linkToMessage(input: {
      messageId: string;
      topicId: string;
      uploaderId: string;
      ids: string[];
    }): Promise<number> {
      const { rowCount } = await db.query(
        `UPDATE attachments SET message_id = $1
          WHERE id = ANY($4::uuid[]) AND topic_id = $2 AND uploader_id = $3 AND status = 'ready'
            AND message_id IS NULL`,
        [input.messageId, input.topicId, input.uploaderId, input.ids],
      );
      return rowCount ?? 0;
    },

    /** How many of `ids` the author could attach to a message in this topic now. */
    async countUsable(input: { topicId: string; uploaderId: string; ids: string[] }): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM attachments
          WHERE id = ANY($3::uuid[]) AND topic_id = $1 AND uploader_id = $2 AND status = 'ready'
            AND message_id IS NULL`,
        [input.topicId, input.uploaderId, input.ids],
      );
      return rows[0]?.n ?? 0;
    },

    /** A deleted message's attachments go (their objects are queued by the trigger). */
    async removeForMessage(messageId: string): Promise<number> {
      const { rowCount } = await db.query(`DELETE FROM attachments WHERE message_id = $1`, [messageId]);
      return rowCount ?? 0;
    },

    /** Uploads that never became part of a message within `olderThanSeconds`; returns their ids. */
    async sweepUnsent(olderThanSeconds: number, limit = 500): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `DELETE FROM attachments WHERE id IN (
           SELECT id FROM attachments
            WHERE message_id IS NULL AND created_at < now() - make_interval(secs => $1)
            ORDER BY created_at LIMIT $2
         ) RETURNING id`,
        [olderThanSeconds, limit],
      );
      return rows.map((row) => row.id);
    },

    /**
     * Claims queued object deletions (other instances skip them for `leaseSeconds`); the caller deletes the
     * objects, then `forgetDeletions`. A claim whose deletion failed comes back after the lease.
     */
    async claimDeletions(limit: number, leaseSeconds: number): Promise<{ id: number; objectKey: string }[]> {
      const { rows } = await db.query<{ id: number; object_key: string }>(
        `UPDATE attachment_object_deletions d
            SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
          WHERE d.id IN (
            SELECT id FROM attachment_object_deletions WHERE next_attempt_at <= now()
             ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
          ) RETURNING d.id, d.object_key`,
        [limit, leaseSeconds],
      );
      return rows.map((row) => ({ id: row.id, objectKey: row.object_key }));
    },

    async forgetDeletions(ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      await db.query(`DELETE FROM attachment_object_deletions WHERE id = ANY($1::bigint[])`, [ids]);
    },

    /** Images waiting for a thumbnail, claimed for `leaseSeconds` (retried after it, if the work died). */
    async claimThumbnailWork(limit: number, leaseSeconds: number): Promise<AttachmentRecord[]> {
      const { rows } = await db.query<AttachmentRow>(
        `UPDATE attachments SET thumbnail_after = now() + make_interval(secs => $2)
          WHERE id IN (
            SELECT id FROM attachments WHERE thumbnail_state = 'waiting' AND thumbnail_after <= now()
             ORDER BY thumbnail_after LIMIT $1 FOR UPDATE SKIP LOCKED
          ) RETURNING ${COLUMNS}`,
        [limit, leaseSeconds],
      );
      return rows.map(mapAttachment);
    },

    /** The message an attachment is in now (null: none yet, or no such attachment). */
    async findMessageId(id: string): Promise<string | null> {
      const { rows } = await db.query<{ message_id: string | null }>(
        'SELECT message_id FROM attachments WHERE id = $1',
        [id],
      );
      return rows[0]?.message_id ?? null;
    },

    /**
     * The thumbnail is stored (or none could be made): record it and the image's size. Null when the
     * attachment is gone or was recorded already; else the message it is in by now (null: not sent yet).
     */
    async recordThumbnail(
      id: string,
      result: { thumbnailKey: string; width: number; height: number } | null,
    ): Promise<{ messageId: string | null } | null> {
      const { rows } = await db.query<{ message_id: string | null }>(
        `UPDATE attachments
            SET thumbnail_state = $2, thumbnail_key = $3, width = $4, height = $5
          WHERE id = $1 AND thumbnail_state = 'waiting' RETURNING message_id`,
        [
          id,
          result ? 'done' : 'none',
          result?.thumbnailKey ?? null,
          result?.width ?? null,
          result?.height ?? null,
        ],
      );
      return rows[0] ? { messageId: rows[0].message_id } : null;
    },
  };
}

export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;
