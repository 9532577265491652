DROP TRIGGER IF EXISTS ledger_closedmonth_kept ON ledger_closedmonth;
DROP FUNCTION IF EXISTS ledger_closedmonth_kept_trigger();
DROP FUNCTION IF EXISTS ledger_client_money_close_lock();
