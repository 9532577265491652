DROP TRIGGER IF EXISTS ledger_posting_client_separate ON ledger_posting;
DROP TRIGGER IF EXISTS ledger_posting_funds_not_overdrawn ON ledger_posting;
DROP FUNCTION IF EXISTS ledger_posting_client_separate_trigger();
DROP FUNCTION IF EXISTS ledger_posting_funds_not_overdrawn_trigger();
