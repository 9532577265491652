-- Many posts in one round trip: ledger.services.transactions_post (a bank statement import's lines)
-- calls ledger_post_many() with a batch of transactions and their postings as arrays, instead of one
-- ledger_post() call per transaction. Read by migration 0008_post_many.
--
-- Like ledger_post() (0006_post_transaction.up.sql) this function is a convenience, not a rule: it
-- enforces nothing itself. Its two INSERTs are checked by the triggers and constraints of
-- 0002_invariants.up.sql and 0004_client_money.up.sql exactly as any other INSERT is, row by row
-- (balanced, at least two postings, append-only, effective date, never overdrawn, one client per
-- transaction; the unique idempotency key).
--
-- What it does:
--   1. One INSERT ... SELECT of every transaction (unnest of the arrays, in the order given). A
--      transaction whose idempotency key is taken is not inserted (ON CONFLICT DO NOTHING) and is left
--      out of the result: the caller compares it with what was posted before under that key.
--   2. One INSERT ... SELECT of the postings of the transactions just inserted (each posting names its
--      transaction by idempotency key), each dated with its transaction's effective date.
--   3. SET CONSTRAINTS ... IMMEDIATE, which runs the deferred checks now, for everything pending in the
--      database transaction, so that a refusal is raised by this call (and the caller can name it),
--      then DEFERRED again for whatever the caller does next.
-- It returns (idempotency key, transaction id) for each transaction it inserted.

CREATE OR REPLACE FUNCTION ledger_post_many(
    p_posted_at timestamptz, p_acting_user_id integer,
    p_effective_dates date[], p_kinds text[], p_memos text[], p_keys text[], p_categories text[],
    p_posting_keys text[], p_posting_accounts bigint[], p_posting_amounts numeric[]
) RETURNS TABLE (posted_key text, posted_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
    new_ids bigint[];
    new_keys text[];
    new_dates date[];
BEGIN
    WITH inserted AS (
        INSERT INTO ledger_transaction AS t (effective_date, posted_at, kind, memo, acting_user_id,
                                             idempotency_key, reverses_id, category)
        SELECT item.effective_date, p_posted_at, item.kind, item.memo, p_acting_user_id, item.key, NULL,
               item.category
          FROM unnest(p_effective_dates, p_kinds, p_memos, p_keys, p_categories)
               WITH ORDINALITY AS item(effective_date, kind, memo, key, category, n)
         ORDER BY item.n
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING t.id, t.idempotency_key, t.effective_date
    )
    SELECT array_agg(inserted.id ORDER BY inserted.id), array_agg(inserted.idempotency_key ORDER BY inserted.id),
           array_agg(inserted.effective_date ORDER BY inserted.id)
      INTO new_ids, new_keys, new_dates
      FROM inserted;
    IF new_ids IS NULL THEN
        RETURN;  -- every key was taken: nothing posted
    END IF;

    INSERT INTO ledger_posting (transaction_id, account_id, amount, effective_date)
    SELECT txn.id, line.account_id, line.amount, txn.effective_date
      FROM unnest(p_posting_keys, p_posting_accounts, p_posting_amounts)
           WITH ORDINALITY AS line(key, account_id, amount, n)
      JOIN unnest(new_keys, new_ids, new_dates) AS txn(key, id, effective_date) ON txn.key = line.key
     ORDER BY line.n;

    SET CONSTRAINTS ledger_posting_balanced, ledger_transaction_balanced, ledger_posting_client_separate,
                    ledger_posting_funds_not_overdrawn IMMEDIATE;
    SET CONSTRAINTS ledger_posting_balanced, ledger_transaction_balanced, ledger_posting_client_separate,
                    ledger_posting_funds_not_overdrawn DEFERRED;

    RETURN QUERY SELECT txn.key, txn.id FROM unnest(new_keys, new_ids) AS txn(key, id);
END;
$$;
