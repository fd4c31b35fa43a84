-- Up Migration

-- The full-text index off the per-insert path (issue 17): a send appends its message's entries to the GIN
-- index's pending list (fastupdate) instead of inserting each lexeme into the index tree, and the list is
-- merged into the tree in bulk, by autovacuum or by the insert that finds it full. The bound keeps both the
-- merge an insert may pay for and what every search scans of the unmerged list small (the server default
-- is 4 MB); searches read the pending list too, so results are the same.
ALTER INDEX messages_search SET (fastupdate = on, gin_pending_list_limit = 1024);
-- Insert-driven autovacuum (which also merges the pending list) after every 10,000 new messages or 2% of
-- the table, instead of 20%: on a big table the list is then merged in the background, rarely by a send.
ALTER TABLE messages SET (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0.02);

-- Down Migration
ALTER TABLE messages RESET (autovacuum_vacuum_insert_threshold, autovacuum_vacuum_insert_scale_factor);
ALTER INDEX messages_search RESET (fastupdate, gin_pending_list_limit);
