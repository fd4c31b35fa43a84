-- Up Migration

-- A message may be files only: its body is then empty. The send contract refuses an empty body without
-- attachments, so "not deleted implies a body" moves from this CHECK to the contract (a CHECK cannot see the
-- attachments table). Without this, a files-only send failed on the constraint with a 500.
ALTER TABLE messages DROP CONSTRAINT messages_check1;

-- Down Migration
ALTER TABLE messages ADD CONSTRAINT messages_check1 CHECK (deleted_at IS NOT NULL OR char_length(body) >= 1);
