DROP TRIGGER IF EXISTS ledger_account_fixed ON ledger_account;
DROP FUNCTION IF EXISTS ledger_account_fixed_trigger();

CREATE OR REPLACE FUNCTION ledger_posting_funds_not_overdrawn_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    funds_client bigint;
    total numeric;
BEGIN
    SELECT client_id INTO funds_client
      FROM ledger_account
     WHERE id = NEW.account_id AND purpose = 'CLIENT_FUNDS'
       FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(SUM(amount), 0) INTO total FROM ledger_posting WHERE account_id = NEW.account_id;
    IF total > 0 THEN
        RAISE EXCEPTION 'LEDGER_OVERDRAWN: transaction % would leave client %''s funds (account %) overdrawn by %', NEW.transaction_id, funds_client, NEW.account_id, total
            USING ERRCODE = '23L05';
    END IF;
    RETURN NULL;
END;
$$;
