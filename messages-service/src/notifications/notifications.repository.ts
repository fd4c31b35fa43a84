// Notification settings per user: a party's level and a topic's own level. No row means the default
// ('all' for a party, inherit for a topic), so choosing the default deletes the row.
import type { NotificationLevel } from '@partyline/contracts';

import type { Queryable } from '../db/pool.js';

export interface NotificationSettingsRecord {
  parties: { partyId: string; level: NotificationLevel }[];
  topics: { partyId: string; topicId: string; level: NotificationLevel }[];
}

export function createNotificationSettingsRepository(db: Queryable) {
  return {
    /** The user's settings in the parties they belong to now. */
    async listForUser(userId: string): Promise<NotificationSettingsRecord> {
      const [parties, topics] = await Promise.all([
        db.query<{ party_id: string; level: NotificationLevel }>(
          `SELECT s.party_id, s.level FROM party_notification_settings s
             JOIN members m ON m.party_id = s.party_id AND m.user_id = s.user_id
            WHERE s.user_id = $1 ORDER BY s.party_id`,
          [userId],
        ),
        db.query<{ party_id: string; topic_id: string; level: NotificationLevel }>(
          `SELECT t.party_id, s.topic_id, s.level FROM topic_notification_settings s
             JOIN topics t ON t.id = s.topic_id
             JOIN members m ON m.party_id = t.party_id AND m.user_id = s.user_id
            WHERE s.user_id = $1 ORDER BY t.party_id, s.topic_id`,
          [userId],
        ),
      ]);
      return {
        parties: parties.rows.map((r) => ({ partyId: r.party_id, level: r.level })),
        topics: topics.rows.map((r) => ({ partyId: r.party_id, topicId: r.topic_id, level: r.level })),
      };
    },

    async setPartyLevel(userId: string, partyId: string, level: NotificationLevel): Promise<void> {
      if (level === 'all') {
        await db.query('DELETE FROM party_notification_settings WHERE user_id = $1 AND party_id = $2', [
          userId,
          partyId,
        ]);
        return;
      }
      await db.query(
        `INSERT INTO party_notification_settings (user_id, party_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, party_id) DO UPDATE SET level = excluded.level, updated_at = now()`,
        [userId, partyId, level],
      );
    },

    async setTopicLevel(
      userId: string,
      topicId: string,
      level: NotificationLevel | 'inherit',
    ): Promise<void> {
      if (level === 'inherit') {
        await db.query('DELETE FROM topic_notification_settings WHERE user_id = $1 AND topic_id = $2', [
          userId,
          topicId,
        ]);
        return;
      }
      await db.query(
        `INSERT INTO topic_notification_settings (user_id, topic_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, topic_id) DO UPDATE SET level = excluded.level, updated_at = now()`,
        [userId, topicId, level],
      );
    },
  };
}

export type NotificationSettingsRepository = ReturnType<typeof createNotificationSettingsRepository>;
