-- Closed months for client money, enforced by PostgreSQL. Read by migration 0010_closed_months.
-- Same conventions as 0002_invariants.up.sql: a class-23 SQLSTATE and a message prefix that
-- ledger.services turns into a sentence for the officer:
--   23L07 LEDGER_MONTH_CLOSED     a posting to the client-money sub-ledger dated in a closed month
--   23L10 LEDGER_CLOSING_RECORD   deleting a closed month's record, or changing it other than to reopen it
--
-- What is closed. Signing off a month's reconciliation of the pooled client bank account writes a
-- ledger_closedmonth row (ledger.reconciliation.reconciliation_sign_off). The client-money sub-ledger
-- that bank account carries is every account whose purpose is POOLED_BANK, CLIENT_FUNDS or SUSPENSE:
-- the bank itself, what each client has in it, and what came in for nobody yet. The purpose of an
-- account cannot change once it has a posting (0010_accounts_fixed.up.sql), so it says what the account
-- is, not a label that could be changed to step round this check.
--
-- Closing a month closes everything before it: a posting dated in October changes November's closing
-- balance as surely as one dated in November. So a posting to the sub-ledger is refused when it is dated
-- on or before the last day of the latest month still closed. (ledger.reconciliation keeps the months in
-- order: a month is signed off only when no earlier reconciliation is waiting, and only the latest
-- closed month can be reopened.) Money that belongs to a closed month is posted in the first open
-- month with ledger_transaction.relates_to_date naming the date it belongs to (ledger.closing).
--
-- Sign-off against postings under way. The trigger takes a shared transaction-level advisory lock before
-- it reads ledger_closedmonth; sign-off takes the same lock exclusively (ledger_client_money_close_lock)
-- before it works out the month's figures. So sign-off waits for every database transaction that has
-- already posted to the sub-ledger to commit, and counts what they posted; a posting that arrives while
-- sign-off is under way waits for it, and then (in READ COMMITTED each statement of this volatile
-- function takes a new snapshot) sees the new closed month and is refused. A second lock request in the
-- same database transaction is answered from the backend's own lock table, so a bulk import pays for it
-- once.
--
-- Cost per posting row: the account's purpose (read with the other per-row checks, see below) and, for
-- the sub-ledger only, the lock and a look-up in ledger_closedmonth, which has one row a month.

CREATE OR REPLACE FUNCTION ledger_client_money_close_lock() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ledger.client_money_period'));
END;
$$;

-- The check itself is in ledger_posting_checks_trigger() (0010_posting_checks.up.sql), which makes
-- the per-row checks on a new posting in one function call and one look-up.

-- The record of a closed month is kept: it can be reopened once (reopened_at, reopened_by and a reason,
-- all together by the CHECK ledger_closedmonth_reopened_with_reason), and nothing else about it changes.
-- Closing the month again is a new row.
CREATE OR REPLACE FUNCTION ledger_closedmonth_kept_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'LEDGER_CLOSING_RECORD: the record of closing % cannot be deleted; reopen the month instead', OLD.month
            USING ERRCODE = '23L10';
    END IF;
    IF OLD.reopened_at IS NOT NULL
       OR (NEW.id, NEW.account_id, NEW.month, NEW.reconciliation_id, NEW.closed_by_id, NEW.closed_at)
          IS DISTINCT FROM (OLD.id, OLD.account_id, OLD.month, OLD.reconciliation_id, OLD.closed_by_id, OLD.closed_at)
    THEN
        RAISE EXCEPTION 'LEDGER_CLOSING_RECORD: the record of closing % can only be marked reopened, once', OLD.month
            USING ERRCODE = '23L10';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_closedmonth_kept
    BEFORE UPDATE OR DELETE ON ledger_closedmonth
    FOR EACH ROW EXECUTE FUNCTION ledger_closedmonth_kept_trigger();
