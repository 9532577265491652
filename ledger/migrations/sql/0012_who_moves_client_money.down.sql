-- Back to 0010's checks: anyone may post to client money as far as the database is concerned.
DROP TRIGGER IF EXISTS ledger_reconciliation_signer ON ledger_reconciliation;
DROP FUNCTION IF EXISTS ledger_reconciliation_signer_trigger();
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

DROP FUNCTION IF EXISTS ledger_moves_client_money(integer);
