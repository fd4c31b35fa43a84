-- Up Migration

-- Files in messages. The bytes live in object storage (never in the database): a row is created when an
-- upload is granted (pending), becomes ready once its object is checked, and belongs to a message once it is
-- sent with one. A ready row without a message after the configured age is swept with its objects.
CREATE TABLE attachments (
  id uuid PRIMARY KEY,
  topic_id uuid NOT NULL,
  party_id uuid NOT NULL,
  uploader_id uuid NOT NULL REFERENCES users (id),
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  -- The sanitised file name shown to people (the object key never contains it).
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
  size bigint NOT NULL CHECK (size > 0),
  -- What the uploader declared (and the storage checked); how it is served is decided from it, safely.
  content_type text NOT NULL CHECK (char_length(content_type) BETWEEN 3 AND 255),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready')),
  -- pending/<party>/<id> until ready, then files/<party>/<id> (the bucket expires what stays in pending/).
  object_key text NOT NULL UNIQUE,
  thumbnail_key text UNIQUE,
  -- Images only: null until the thumbnailer looked at it; 'none' when it could not make one.
  thumbnail_state text CHECK (thumbnail_state IN ('waiting', 'done', 'none')),
  -- When a waiting thumbnail may be (re)tried: a worker that claims it moves this on, so a crash retries.
  thumbnail_after timestamptz,
  width integer CHECK (width > 0),
  height integer CHECK (height > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  ready_at timestamptz,
  FOREIGN KEY (topic_id, party_id) REFERENCES topics (id, party_id) ON DELETE CASCADE,
  CHECK (message_id IS NULL OR status = 'ready')
);

CREATE INDEX attachments_message_id_idx ON attachments (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_unsent_idx ON attachments (created_at) WHERE message_id IS NULL;
CREATE INDEX attachments_thumbnail_waiting_idx ON attachments (thumbnail_after) WHERE thumbnail_state = 'waiting';

-- Objects to remove from storage. Every way a row goes (message deleted, topic or party deleted by cascade,
-- the sweep) queues its objects here in the same transaction, and a background purger deletes them and
-- their queue rows, retrying until the storage answers.
CREATE TABLE attachment_object_deletions (
  id bigserial PRIMARY KEY,
  object_key text NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX attachment_object_deletions_next_idx ON attachment_object_deletions (next_attempt_at);

CREATE FUNCTION attachments_queue_object_deletion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attachment_object_deletions (object_key) VALUES (OLD.object_key);
  IF OLD.thumbnail_key IS NOT NULL THEN
    INSERT INTO attachment_object_deletions (object_key) VALUES (OLD.thumbnail_key);
  END IF;
  RETURN OLD;
END;
$$;

CREATE TRIGGER attachments_queue_object_deletion
  AFTER DELETE ON attachments
  FOR EACH ROW EXECUTE FUNCTION attachments_queue_object_deletion();

-- Down Migration
DROP TABLE attachments;
DROP FUNCTION attachments_queue_object_deletion();
DROP TABLE attachment_object_deletions;
