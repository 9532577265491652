-- Who may move client money, and who may sign a month off, enforced by PostgreSQL as well as by the
-- rules (ledger/rules.py), so that a view or a script that forgets the rule is still refused. Read by
-- migration 0012_who_moves_client_money. Same conventions as 0002_invariants.up.sql:
--   23L11 LEDGER_CLIENT_MONEY_ACTOR   a posting to client money (the pooled bank, a client's funds,
--                                     suspense) by someone who is not in a client affairs team
--   23L12 LEDGER_SIGN_OFF_ACTOR       a reconciliation signed off by someone who does not lead a client
--                                     affairs team
--
-- Client money belongs to client affairs: receipts, payments, releases, imports and allocations are
-- theirs; charging and debt recovery read balances but never move them. The system user that scheduled
-- jobs act as (settings.SYSTEM_USERNAME, written in below when the migration runs) may post too: a job
-- such as the monthly deputyship fee runs for the team. The check is of who the person is when they
-- post; leaving the team later does not undo what they posted.

CREATE OR REPLACE FUNCTION ledger_moves_client_money(poster integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM auth_user u
         WHERE u.id = poster
           AND (u.username = '{system_username}'
                OR (u.is_active AND EXISTS (
                        SELECT 1 FROM people_teammembership m JOIN people_team t ON t.id = m.team_id
                         WHERE m.user_id = u.id AND t.service = 'client_affairs'))))
$$;

-- The per-row checks of 0010_posting_checks.up.sql, with who may post to client money.
CREATE OR REPLACE FUNCTION ledger_posting_checks_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    transaction_date date;
    transaction_writer xid;
    posting_writer xid;
    account_purpose text;
    closed_to date;
    poster integer;
BEGIN
    SELECT t.effective_date, t.xmin, p.xmin, a.purpose, t.acting_user_id
      INTO transaction_date, transaction_writer, posting_writer, account_purpose, poster
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
        IF NOT ledger_moves_client_money(poster) THEN
            RAISE EXCEPTION 'LEDGER_CLIENT_MONEY_ACTOR: user % is not in a client affairs team, so cannot move client money (account %, %)', poster, NEW.account_id, account_purpose
                USING ERRCODE = '23L11';
        END IF;
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

-- A month's sign-off is a client affairs team leader's (someone other than the preparer: a CHECK already).
CREATE OR REPLACE FUNCTION ledger_reconciliation_signer_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.signed_off_by_id IS NOT NULL
       AND NEW.signed_off_by_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN OLD.signed_off_by_id END)
       AND NOT EXISTS (
            SELECT 1 FROM people_teammembership m JOIN people_team t ON t.id = m.team_id
              JOIN auth_user u ON u.id = m.user_id
             WHERE m.user_id = NEW.signed_off_by_id AND m.is_leader AND u.is_active
               AND t.service = 'client_affairs') THEN
        RAISE EXCEPTION 'LEDGER_SIGN_OFF_ACTOR: user % does not lead a client affairs team, so cannot sign off the reconciliation for %', NEW.signed_off_by_id, NEW.month
            USING ERRCODE = '23L12';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_reconciliation_signer
    BEFORE INSERT OR UPDATE OF signed_off_by_id ON ledger_reconciliation
    FOR EACH ROW EXECUTE FUNCTION ledger_reconciliation_signer_trigger();
