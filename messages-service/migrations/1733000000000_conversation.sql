-- Up Migration

-- Conversation features (issue 14): replies, mentions, reactions, change tracking for sync, notification
-- settings. Every new column has a constant default, so adding it rewrites no existing row.

-- Each topic's change counter: bumped by one in the same transaction as every edit, delete and reaction
-- change of one of its messages, which keeps the value as messages.change_seq. `sync` returns the messages
-- whose change_seq is past the client's cursor. It lives in its own row, not on topics, so a reaction does
-- not queue behind the sends of the topic on the topic row's lock (nor they behind it). No row: 0.
CREATE TABLE topic_changes (
  topic_id uuid PRIMARY KEY REFERENCES topics (id) ON DELETE CASCADE,
  last_change bigint NOT NULL DEFAULT 0 CHECK (last_change >= 0)
);

ALTER TABLE messages
  -- The message this one replies to (same topic, checked by the service). Messages are only soft-deleted,
  -- so this stays set; SET NULL only matters while a whole topic is being removed.
  ADD COLUMN reply_to_id uuid REFERENCES messages (id) ON DELETE SET NULL,
  -- Mentions extracted on send and edit: members named with <@id>, @everyone, @here, and who @here reached
  -- (the members online when it was sent), so mention counts come from stored data alone.
  ADD COLUMN mention_user_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN mention_everyone boolean NOT NULL DEFAULT false,
  ADD COLUMN mention_here boolean NOT NULL DEFAULT false,
  ADD COLUMN here_user_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN change_seq bigint NOT NULL DEFAULT 0 CHECK (change_seq >= 0);

-- The foreign key's lookups when messages go with their topic.
CREATE INDEX messages_by_reply_to ON messages (reply_to_id) WHERE reply_to_id IS NOT NULL;
-- Mention counts read only the messages that mention anyone, after a read position.
CREATE INDEX messages_mentioning ON messages (topic_id, seq)
  WHERE mention_everyone OR mention_here OR cardinality(mention_user_ids) > 0;
-- sync: the messages of a topic changed after a cursor.
CREATE INDEX messages_changed ON messages (topic_id, change_seq) WHERE change_seq > 0;

CREATE TABLE reactions (
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  -- One emoji, normalized (contracts' normalizeReactionEmoji); at most 32 UTF-16 units, so 32 code points.
  emoji text NOT NULL CHECK (char_length(emoji) BETWEEN 1 AND 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id, emoji)
);
CREATE INDEX reactions_by_message_emoji ON reactions (message_id, emoji, created_at);

-- What a user hears of a party and of a topic. No row: the default ('all' for a party, inherit for a topic).
CREATE TABLE party_notification_settings (
  user_id uuid NOT NULL,
  party_id uuid NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('all', 'mentions', 'none')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, party_id)
);
CREATE TABLE topic_notification_settings (
  user_id uuid NOT NULL,
  topic_id uuid NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('all', 'mentions', 'none')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, topic_id)
);

-- Down Migration
DROP TABLE topic_notification_settings;
DROP TABLE party_notification_settings;
DROP TABLE reactions;
DROP INDEX messages_changed;
DROP INDEX messages_mentioning;
DROP INDEX messages_by_reply_to;
ALTER TABLE messages
  DROP COLUMN change_seq,
  DROP COLUMN here_user_ids,
  DROP COLUMN mention_here,
  DROP COLUMN mention_everyone,
  DROP COLUMN mention_user_ids,
  DROP COLUMN reply_to_id;
DROP TABLE topic_changes;
