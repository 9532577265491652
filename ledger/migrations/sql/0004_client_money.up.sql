-- Client money rules, enforced by PostgreSQL so that no code path can break them.
-- Read by migration 0004_client_money. Same conventions as 0002_invariants.up.sql: class-23
-- SQLSTATEs and a message prefix that ledger.services turns into a sentence for the officer:
--   23L05 LEDGER_OVERDRAWN       a transaction leaves a client's funds account (purpose CLIENT_FUNDS)
--                                with a debit balance, i.e. the client owing the pooled account
--   23L06 LEDGER_CROSS_CLIENT    a transaction touches the accounts of more than one client, so one
--                                client's money would pay another's bill
-- Both are deferred constraint triggers: they look at the whole transaction once all its postings are
-- in (ledger.services brings them forward to the end of each post, as it does the balance check).

-- (a) Never overdrawn. The check locks the client's funds account row (FOR NO KEY UPDATE, which
-- does not conflict with the KEY SHARE lock a posting's foreign key takes, so concurrent inserts
-- cannot deadlock on it) and only then sums the postings: in READ COMMITTED each statement sees what
-- was committed before it began, so a second session checking the same account waits for the first
-- to commit and then counts its postings. Concurrent payments from one client therefore serialise
-- and cannot together overdraw the account, whichever way they came in.
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
    -- A liability: credits (negative) are money held for the client; a positive sum is a debit balance.
    IF total > 0 THEN
        RAISE EXCEPTION 'LEDGER_OVERDRAWN: transaction % would leave client %''s funds (account %) overdrawn by %', NEW.transaction_id, funds_client, NEW.account_id, total
            USING ERRCODE = '23L05';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_posting_funds_not_overdrawn
    AFTER INSERT ON ledger_posting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_funds_not_overdrawn_trigger();

-- (b) One client per transaction. Any account owned by a client (its funds, its income or spending
-- accounts) counts: a transaction may move money between a client's accounts and the council's
-- (the pooled bank, charging income, suspense...), never between two clients. The name sorts before
-- (a)'s, so a cross-client transaction is refused as such before any account is locked.
CREATE OR REPLACE FUNCTION ledger_posting_client_separate_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    clients bigint[];
BEGIN
    SELECT array_agg(DISTINCT a.client_id ORDER BY a.client_id) INTO clients
      FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
     WHERE p.transaction_id = NEW.transaction_id AND a.client_id IS NOT NULL;
    IF cardinality(clients) > 1 THEN
        RAISE EXCEPTION 'LEDGER_CROSS_CLIENT: transaction % touches the accounts of clients %; one client''s money cannot pay for another', NEW.transaction_id, clients
            USING ERRCODE = '23L06';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_posting_client_separate
    AFTER INSERT ON ledger_posting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_client_separate_trigger();
