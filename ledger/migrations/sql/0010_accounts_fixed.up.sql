-- What an account is cannot change once money has moved through it. Read by migration 0010_closed_months.
-- Same conventions as 0002_invariants.up.sql:
--   23L09 LEDGER_ACCOUNT_FIXED   changing the owner, client, owner reference, kind or purpose of an account
--                                that has a posting
--
-- Without this, "UPDATE ledger_account SET client_id = ..." moves a client's whole balance to another
-- client with no posting at all, and changing a funds account's purpose or kind takes it out of the
-- overdraft check (23L05) and the closed-month check (23L07), both of which ask what the account is.
-- Its name and whether it is open (is_active) may still change.
--
-- A posting being inserted but not yet committed holds a KEY SHARE lock on its account row, which an
-- UPDATE of these columns does not wait for. So the trigger first locks the row FOR UPDATE, which waits
-- for every database transaction that has just posted to the account; the look-up that follows (a new
-- snapshot, READ COMMITTED) then sees their postings. Postings that come later wait for this UPDATE and
-- go to the account as it is afterwards.

CREATE OR REPLACE FUNCTION ledger_account_fixed_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM ledger_account WHERE id = OLD.id FOR UPDATE;
    IF EXISTS (SELECT 1 FROM ledger_posting WHERE account_id = OLD.id) THEN
        RAISE EXCEPTION 'LEDGER_ACCOUNT_FIXED: account % has postings, so its owner (% % %), kind (%) and purpose (%) cannot change; open another account and move the money with a transaction', OLD.id, OLD.owner_kind, COALESCE(OLD.client_id::text, '-'), NULLIF(OLD.owner_reference, ''), OLD.kind, OLD.purpose
            USING ERRCODE = '23L09';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_account_fixed
    BEFORE UPDATE ON ledger_account
    FOR EACH ROW
    WHEN ((OLD.id, OLD.owner_kind, OLD.client_id, OLD.owner_reference, OLD.kind, OLD.purpose, OLD.currency)
          IS DISTINCT FROM (NEW.id, NEW.owner_kind, NEW.client_id, NEW.owner_reference, NEW.kind, NEW.purpose,
                            NEW.currency))
    EXECUTE FUNCTION ledger_account_fixed_trigger();

-- The overdraft check (23L05, 0004_client_money.up.sql) now asks what the account is rather than how it
-- is labelled: any account a client owns that is a liability, that is money the council holds for that
-- client, is never left with a debit balance. A client's funds account (purpose CLIENT_FUNDS) is one by
-- the CHECK ledger_account_purpose_client_funds_liability; so is any other liability opened for a client,
-- whatever its purpose says, and none of these can be relabelled once it has a posting (above).
CREATE OR REPLACE FUNCTION ledger_posting_funds_not_overdrawn_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    funds_client bigint;
    total numeric;
BEGIN
    SELECT client_id INTO funds_client
      FROM ledger_account
     WHERE id = NEW.account_id AND owner_kind = 'client' AND kind = 'liability'
       FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(SUM(amount), 0) INTO total FROM ledger_posting WHERE account_id = NEW.account_id;
    -- A liability: credits (negative) are money held for the client; a positive sum is a debit balance.
    IF total > 0 THEN
        RAISE EXCEPTION 'LEDGER_OVERDRAWN: transaction % would leave client %''s funds (account %) overdrawn by %', NEW.transaction_id, funds_client, NEW.account_id, total
            USING ERRCODE = '23L05';
    END IF;
    RETURN NULL;
END;
$$;
