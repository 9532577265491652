DROP TRIGGER IF EXISTS ledger_posting_sealed ON ledger_posting;
DROP FUNCTION IF EXISTS ledger_posting_sealed_trigger();
