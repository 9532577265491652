-- The checks on each new posting row, in one trigger function. Read by migration 0010_closed_months.
-- Same conventions as 0002_invariants.up.sql:
--   23L04 LEDGER_EFFECTIVE_DATE       a posting's effective date differs from its transaction's (was its own
--                                     BEFORE trigger in 0002_invariants.up.sql; the rule is unchanged)
--   23L08 LEDGER_TRANSACTION_SEALED   a posting inserted into a transaction written earlier
--   23L07 LEDGER_MONTH_CLOSED         a posting to client money dated in a closed month (the rule, the lock
--                                     and why are in 0010_closed_months.up.sql)
--
-- One function and one look-up (the posting's transaction, the posting's own row and its account, each
-- by primary key) rather than a trigger each: a bulk import posts hundreds of thousands of rows, and the
-- cost of a row trigger is mostly the call and the query, not the index look-up.
--
-- (1) A transaction's postings are written with it, and no posting joins it later.
--
-- Without this, anyone able to INSERT could add a balancing pair of postings (Dr one client's funds,
-- Cr the pooled bank) to a transaction committed months ago: the balance check (23L01) is satisfied
-- and the ledger changes under an old, reviewed transaction.
--
-- How: PostgreSQL stamps every row with the id of the (sub)transaction that inserted it, its xmin. The
-- trigger runs AFTER INSERT, so that it can read the new row's xmin, and compares it with the
-- transaction row's: they are equal exactly when both were inserted by the same database transaction or
-- savepoint. Every way the application posts
-- inserts a transaction and its postings together in one function call (ledger_post, ledger_post_many),
-- so they always match; a posting added after the transaction committed cannot match (a committed xid
-- is never handed out again to a new writer), nor can one added in a later savepoint. That is stricter
-- than "not after the transaction committed", and deliberately so: a transaction's postings are one
-- unit of work.
--
-- Why not the alternatives: comparing with pg_current_xact_id() sees only the top-level transaction id,
-- while the application inserts inside subtransactions (ledger_post's exception block, Django's
-- savepoints); a "sealed" flag on the transaction would need the append-only rule on ledger_transaction
-- loosened to let it be set, and a writer who forgets to seal leaves a transaction open for ever.
--
-- The one gap: xids are 32 bits and wrap around, and an old row keeps its raw xmin once frozen. A new
-- posting to an old transaction would pass only if written by the one database transaction whose xid
-- equals that old row's xmin, about four billion transactions later: not a way in anyone can use.
--
-- (2) A posting to client money dated in a closed month: see 0010_closed_months.up.sql.
--
-- (3) A posting's effective date is its transaction's, as before.

CREATE OR REPLACE FUNCTION ledger_posting_checks_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    transaction_date date;
    transaction_writer xid;
    posting_writer xid;
    account_purpose text;
    closed_to date;
BEGIN
    SELECT t.effective_date, t.xmin, p.xmin, a.purpose
      INTO transaction_date, transaction_writer, posting_writer, account_purpose
      FROM ledger_transaction t, ledger_posting p, ledger_account a
     WHERE t.id = NEW.transaction_id AND p.id = NEW.id AND a.id = NEW.account_id;
    IF transaction_date IS DISTINCT FROM NEW.effective_date THEN
        RAISE EXCEPTION 'LEDGER_EFFECTIVE_DATE: a posting dated % does not match its transaction %, dated %', NEW.effective_date, NEW.transaction_id, transaction_date
            USING ERRCODE = '23L04';
    END IF;
    IF posting_writer IS DISTINCT FROM transaction_writer THEN
        RAISE EXCEPTION 'LEDGER_TRANSACTION_SEALED: a posting cannot be added to transaction %, which was written earlier; post a new transaction instead', NEW.transaction_id
            USING ERRCODE = '23L08';
    END IF;
    IF account_purpose IN ('POOLED_BANK', 'CLIENT_FUNDS', 'SUSPENSE') THEN
        -- Lock first, then read (a new snapshot): see 0010_closed_months.up.sql.
        PERFORM pg_advisory_xact_lock_shared(hashtext('ledger.client_money_period'));
        SELECT (max(month) + interval '1 month' - interval '1 day')::date INTO closed_to
          FROM ledger_closedmonth WHERE reopened_at IS NULL;
        IF NEW.effective_date <= closed_to THEN
            RAISE EXCEPTION 'LEDGER_MONTH_CLOSED: a posting dated % to account % (%) falls in a closed month: client money is closed up to %; post it in the first open month, naming the date it belongs to', NEW.effective_date, NEW.account_id, account_purpose, closed_to
                USING ERRCODE = '23L07';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER ledger_posting_effective_date ON ledger_posting;

CREATE TRIGGER ledger_posting_checks
    AFTER INSERT ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_checks_trigger();
