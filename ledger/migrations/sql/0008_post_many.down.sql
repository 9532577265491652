DROP FUNCTION IF EXISTS ledger_post_many(timestamptz, integer, date[], text[], text[], text[], text[], text[], bigint[], numeric[]);
