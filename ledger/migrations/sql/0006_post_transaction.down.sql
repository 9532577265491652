DROP FUNCTION IF EXISTS ledger_post(date, timestamptz, text, text, integer, text, bigint, text, bigint[], numeric[], boolean);
DROP FUNCTION IF EXISTS ledger_post_insert(date, timestamptz, text, text, integer, text, bigint, text, bigint[], numeric[]);
