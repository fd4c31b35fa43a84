-- Up Migration

-- Direct messages (issue 15.3): a conversation of 2 to 10 people outside any party is a party row of kind
-- 'direct' with exactly one topic and its participants as members (all of role 'member'). Messages, seq,
-- sync, edits, reactions, replies, attachments, read state and every membership check then work as they do
-- in a party; the party-only operations refuse it (PARTY.IS_DIRECT). Both columns have constant defaults,
-- so adding them rewrites no existing row.
ALTER TABLE parties
  ADD COLUMN kind text NOT NULL DEFAULT 'party' CHECK (kind IN ('party', 'direct')),
  -- A one-to-one conversation's two participants, sorted ('<smaller uuid>:<larger uuid>'): the unique key
  -- that makes concurrent creates of the same 1:1 find one row. NULL for parties and group conversations.
  ADD COLUMN direct_key text UNIQUE,
  ADD CONSTRAINT parties_direct_key_kind CHECK (direct_key IS NULL OR kind = 'direct');

-- Down Migration
ALTER TABLE parties DROP CONSTRAINT parties_direct_key_kind, DROP COLUMN direct_key, DROP COLUMN kind;
