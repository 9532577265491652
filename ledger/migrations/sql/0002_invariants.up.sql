-- The ledger's invariants, enforced by PostgreSQL so that no code path can break them.
-- Read by migration 0002_invariants. Errors carry a SQLSTATE in class 23 (integrity constraint
-- violation) and a message prefix that ledger.services turns into a sentence for the officer:
--   23L01 LEDGER_UNBALANCED          the postings of a transaction do not sum to zero
--   23L02 LEDGER_TOO_FEW_POSTINGS    a transaction has fewer than two postings
--   23L03 LEDGER_APPEND_ONLY         an UPDATE or DELETE of a transaction or posting
--   23L04 LEDGER_EFFECTIVE_DATE      a posting's effective date differs from its transaction's
-- TRUNCATE is deliberately not blocked: row-level triggers cannot see it, and the test suite's
-- flushing (transaction=True tests) relies on it. No application code truncates ledger tables.

-- (a) Balanced, with at least two postings: checked when the database transaction commits, after
-- all the postings are in. Fires once per posting row (and once per transaction row, which catches a
-- transaction with no postings at all).
CREATE OR REPLACE FUNCTION ledger_check_transaction_balanced(txn_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    n integer;
BEGIN
    SELECT COALESCE(SUM(amount), 0), COUNT(*) INTO total, n
      FROM ledger_posting WHERE transaction_id = txn_id;
    IF n < 2 THEN
        RAISE EXCEPTION 'LEDGER_TOO_FEW_POSTINGS: transaction % has % posting(s); every transaction needs at least two', txn_id, n
            USING ERRCODE = '23L02';
    END IF;
    IF total <> 0 THEN
        RAISE EXCEPTION 'LEDGER_UNBALANCED: the postings of transaction % sum to %, not zero', txn_id, total
            USING ERRCODE = '23L01';
    END IF;
END;
$$;

CREATE OR REPLACE FUNCTION ledger_posting_balanced_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_transaction_balanced(NEW.transaction_id);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION ledger_transaction_balanced_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_transaction_balanced(NEW.id);
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_posting_balanced
    AFTER INSERT ON ledger_posting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_balanced_trigger();

CREATE CONSTRAINT TRIGGER ledger_transaction_balanced
    AFTER INSERT ON ledger_transaction
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced_trigger();

-- (b) Append-only: no UPDATE or DELETE of transactions or postings. Corrections are reversals.
CREATE OR REPLACE FUNCTION ledger_append_only_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'LEDGER_APPEND_ONLY: % on % is not allowed; the ledger is append-only, so correct a mistake with a reversing transaction', TG_OP, TG_TABLE_NAME
        USING ERRCODE = '23L03';
END;
$$;

CREATE TRIGGER ledger_transaction_append_only
    BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only_trigger();

CREATE TRIGGER ledger_posting_append_only
    BEFORE UPDATE OR DELETE ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only_trigger();

-- (c) A posting's effective date is its transaction's (copied onto the posting for the balance index).
CREATE OR REPLACE FUNCTION ledger_posting_effective_date_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    txn_date date;
BEGIN
    SELECT effective_date INTO txn_date FROM ledger_transaction WHERE id = NEW.transaction_id;
    IF txn_date IS DISTINCT FROM NEW.effective_date THEN
        RAISE EXCEPTION 'LEDGER_EFFECTIVE_DATE: a posting dated % does not match its transaction %, dated %', NEW.effective_date, NEW.transaction_id, txn_date
            USING ERRCODE = '23L04';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_posting_effective_date
    BEFORE INSERT ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_effective_date_trigger();
