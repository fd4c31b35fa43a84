-- Up Migration

-- The local copy of accounts-service's users, fed by `accounts.user-events` (version-guarded upserts).
-- A row may also be created from an access token (version 0) before the first event arrives.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text,
  display_name text NOT NULL,
  avatar_url text,
  version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  deleted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (deleted_at IS NULL OR username IS NULL)
);

CREATE TABLE parties (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- aggregateVersion of messages.party-events: bumped by every party, member and topic event.
  version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  party_id uuid NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (party_id, user_id)
);
-- At most one owner per party; the services keep it at exactly one.
CREATE UNIQUE INDEX members_one_owner ON members (party_id) WHERE role = 'owner';
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE bans (
  party_id uuid NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  reason text CHECK (char_length(reason) <= 500),
  banned_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (party_id, user_id)
);

CREATE TABLE invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  party_id uuid NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
  -- sha256 of the code; the code itself is never stored.
  code_hash bytea NOT NULL UNIQUE CHECK (octet_length(code_hash) = 32),
  created_by uuid,
  expires_at timestamptz,
  max_uses integer CHECK (max_uses > 0),
  uses integer NOT NULL DEFAULT 0 CHECK (uses >= 0),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (max_uses IS NULL OR uses <= max_uses)
);
CREATE INDEX invites_by_party ON invites (party_id, created_at);

CREATE TABLE topics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  party_id uuid NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  position integer NOT NULL CHECK (position >= 0),
  -- The seq of the newest message; bumped in the same transaction as each insert, so seqs are gap-free.
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, party_id)
);
CREATE UNIQUE INDEX topics_name_per_party ON topics (party_id, lower(name));

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  topic_id uuid NOT NULL,
  party_id uuid NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 1),
  -- null once the author's account is deleted; the message stays.
  author_id uuid REFERENCES users (id),
  nonce text NOT NULL CHECK (char_length(nonce) BETWEEN 8 AND 64),
  body text NOT NULL CHECK (char_length(body) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
  -- The message's party is its topic's party.
  FOREIGN KEY (topic_id, party_id) REFERENCES topics (id, party_id) ON DELETE CASCADE,
  UNIQUE (topic_id, seq),
  -- A send is idempotent on (author, nonce).
  UNIQUE (author_id, nonce),
  CHECK (deleted_at IS NULL OR body = ''),
  CHECK (deleted_at IS NOT NULL OR char_length(body) >= 1)
);
CREATE INDEX messages_search ON messages USING gin (search);
CREATE INDEX messages_by_party ON messages (party_id, created_at);

-- Earlier versions of an edited message (the body it had before each edit).
CREATE TABLE message_edits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  body text NOT NULL,
  edited_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_edits_by_message ON message_edits (message_id, id);

CREATE TABLE read_states (
  user_id uuid NOT NULL,
  topic_id uuid NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
  last_read_seq bigint NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, topic_id)
);

-- The outbox and processed_events tables come from @partyline/events (src/db/migrate.ts applies them).

-- Down Migration
DROP TABLE read_states;
DROP TABLE message_edits;
DROP TABLE messages;
DROP TABLE topics;
DROP TABLE invites;
DROP TABLE bans;
DROP TABLE members;
DROP TABLE parties;
DROP TABLE users;
