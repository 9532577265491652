-- A transaction's postings are written with it, and no posting joins it later. Read by migration
-- 0010_closed_months. Same conventions as 0002_invariants.up.sql:
--   23L08 LEDGER_TRANSACTION_SEALED   a posting inserted into a transaction written earlier
--
-- Without this, anyone able to INSERT could add a balancing pair of postings (Dr one client's funds,
-- Cr the pooled bank) to a transaction committed months ago: the balance check (23L01) is satisfied
-- and the ledger changes under an old, reviewed transaction.
--
-- How: PostgreSQL stamps every row with the id of the (sub)transaction that inserted it, its xmin. This
-- AFTER trigger compares the new posting's xmin with its transaction row's: they are equal exactly when
-- both were inserted by the same database transaction or savepoint. Every way the application posts
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
-- Cost per posting row: two primary key look-ups of rows just written (in the buffer cache).
--
-- The one gap: xids are 32 bits and wrap around, and an old row keeps its raw xmin once frozen. A new
-- posting to an old transaction would pass only if written by the one database transaction whose xid
-- equals that old row's xmin, about four billion transactions later: not a way in anyone can use.

CREATE OR REPLACE FUNCTION ledger_posting_sealed_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    posting_writer xid;
    transaction_writer xid;
BEGIN
    SELECT xmin INTO posting_writer FROM ledger_posting WHERE id = NEW.id;
    SELECT xmin INTO transaction_writer FROM ledger_transaction WHERE id = NEW.transaction_id;
    IF posting_writer IS DISTINCT FROM transaction_writer THEN
        RAISE EXCEPTION 'LEDGER_TRANSACTION_SEALED: a posting cannot be added to transaction %, which was written earlier; post a new transaction instead', NEW.transaction_id
            USING ERRCODE = '23L08';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_posting_sealed
    AFTER INSERT ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_sealed_trigger();
