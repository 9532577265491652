-- Change history and the record-access log are only ever added to. Read by migration
-- 0002_history_append_only. Same conventions as the ledger's (ledger/migrations/sql/0002_invariants.up.sql):
-- a class-23 SQLSTATE and a message prefix:
--   23H01 HISTORY_APPEND_ONLY   an UPDATE or DELETE of a change-history row or a record-access row
--
-- This file makes the function only. The trigger that calls it, history_append_only (BEFORE UPDATE OR
-- DELETE, FOR EACH STATEMENT), is put on every history table and on audit_recordaccess by
-- `manage.py migrate` after each run (core/database.py), so a history table added by a later migration
-- gets it too. The application's role has no UPDATE or DELETE on these tables in the first place
-- (core/database.py); the trigger makes the rule hold for the owner role as well, so the only way to
-- rewrite what the auditors see is to drop the trigger, which needs the owner's credentials and leaves
-- a trace in the schema.
--
-- TRUNCATE is a different event and is not blocked: only the owner may truncate (the test suite's
-- flushing between transactional tests).

CREATE OR REPLACE FUNCTION history_append_only_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'HISTORY_APPEND_ONLY: % on % is not allowed; change history and the record-access log are only ever added to', TG_OP, TG_TABLE_NAME
        USING ERRCODE = '23H01';
END;
$$;
