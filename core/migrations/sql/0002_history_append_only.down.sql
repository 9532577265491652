-- Reverses 0002_history_append_only.up.sql: the triggers that use the function go with it.
DROP FUNCTION IF EXISTS history_append_only_trigger() CASCADE;
