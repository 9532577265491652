DROP TRIGGER IF EXISTS ledger_posting_checks ON ledger_posting;
DROP FUNCTION IF EXISTS ledger_posting_checks_trigger();

-- The effective-date check as 0002_invariants.up.sql made it (its function was left in place).
CREATE TRIGGER ledger_posting_effective_date
    BEFORE INSERT ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_effective_date_trigger();
