DROP FUNCTION IF EXISTS ledger_post(date, timestamptz, text, text, integer, text, bigint, text, date, bigint[], numeric[], boolean);
DROP FUNCTION IF EXISTS ledger_post_insert(date, timestamptz, text, text, integer, text, bigint, text, date, bigint[], numeric[]);
DROP FUNCTION IF EXISTS ledger_post_many(timestamptz, integer, date[], text[], text[], text[], text[], date[], text[], bigint[], numeric[]);
