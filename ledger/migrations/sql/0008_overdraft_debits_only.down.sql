DROP TRIGGER ledger_posting_funds_not_overdrawn ON ledger_posting;

CREATE CONSTRAINT TRIGGER ledger_posting_funds_not_overdrawn
    AFTER INSERT ON ledger_posting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_funds_not_overdrawn_trigger();
