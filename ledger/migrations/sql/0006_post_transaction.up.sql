-- One round trip per post: ledger.services.transaction_post calls ledger_post() instead of sending the
-- idempotency look-up, BEGIN/SAVEPOINT, two INSERTs, two SET CONSTRAINTS and RELEASE/COMMIT one by one.
-- Read by migration 0006_post_transaction.
--
-- This function is a convenience, not a rule: it enforces nothing itself. Every invariant stays with
-- the triggers and constraints of 0002_invariants.up.sql and 0004_client_money.up.sql, which check its
-- INSERTs exactly as they check any other (balanced, at least two postings, append-only, effective
-- date, never overdrawn, one client per transaction; the unique idempotency key).
--
-- What it does:
--   1. INSERT the transaction; ON CONFLICT on the idempotency key it writes nothing and returns no id,
--      and the caller compares what was posted before (a concurrent post under the same key waits on
--      the unique index until the other session commits or rolls back, as a plain INSERT would).
--   2. INSERT its postings, each dated with the transaction's effective date.
--   3. Only when the caller is inside a larger database transaction (p_protect): SET CONSTRAINTS ...
--      IMMEDIATE, which runs the deferred checks now (for everything pending in the database
--      transaction, as the service always has), then DEFERRED again for the caller's next post; and
--      steps 1-3 run in a subtransaction, like the SAVEPOINT the service used to send, so that a
--      refusal (any class-23 error, which includes the ledger's own 23L01-23L06) rolls back this post
--      only and comes back as a row (sqlstate, constraint name, message) instead of aborting the
--      caller's transaction.
-- Without p_protect the call is its own database transaction (autocommit): the deferred checks run
-- when it commits, at the end of this same statement, and a refusal is raised as usual.

CREATE OR REPLACE FUNCTION ledger_post_insert(
    p_effective_date date, p_posted_at timestamptz, p_kind text, p_memo text, p_acting_user_id integer,
    p_idempotency_key text, p_reverses_id bigint, p_category text, p_accounts bigint[], p_amounts numeric[]
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO ledger_transaction (effective_date, posted_at, kind, memo, acting_user_id, idempotency_key,
                                    reverses_id, category)
    VALUES (p_effective_date, p_posted_at, p_kind, p_memo, p_acting_user_id, p_idempotency_key,
            p_reverses_id, p_category)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO new_id;
    IF new_id IS NULL THEN
        RETURN NULL;  -- already posted under this key
    END IF;
    INSERT INTO ledger_posting (transaction_id, account_id, amount, effective_date)
    SELECT new_id, line.account_id, line.amount, p_effective_date
      FROM unnest(p_accounts, p_amounts) WITH ORDINALITY AS line(account_id, amount, n)
     ORDER BY line.n;
    RETURN new_id;
END;
$$;

CREATE OR REPLACE FUNCTION ledger_post(
    p_effective_date date, p_posted_at timestamptz, p_kind text, p_memo text, p_acting_user_id integer,
    p_idempotency_key text, p_reverses_id bigint, p_category text, p_accounts bigint[], p_amounts numeric[],
    p_protect boolean,
    OUT transaction_id bigint, OUT refused_sqlstate text, OUT refused_constraint text, OUT refused_message text
)
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT p_protect THEN
        transaction_id := ledger_post_insert(p_effective_date, p_posted_at, p_kind, p_memo, p_acting_user_id,
                                             p_idempotency_key, p_reverses_id, p_category, p_accounts, p_amounts);
        RETURN;
    END IF;
    BEGIN
        transaction_id := ledger_post_insert(p_effective_date, p_posted_at, p_kind, p_memo, p_acting_user_id,
                                             p_idempotency_key, p_reverses_id, p_category, p_accounts, p_amounts);
        SET CONSTRAINTS ledger_posting_balanced, ledger_transaction_balanced, ledger_posting_client_separate,
                        ledger_posting_funds_not_overdrawn IMMEDIATE;
        SET CONSTRAINTS ledger_posting_balanced, ledger_transaction_balanced, ledger_posting_client_separate,
                        ledger_posting_funds_not_overdrawn DEFERRED;
    EXCEPTION WHEN integrity_constraint_violation THEN
        GET STACKED DIAGNOSTICS refused_sqlstate = RETURNED_SQLSTATE, refused_constraint = CONSTRAINT_NAME,
                                refused_message = MESSAGE_TEXT;
        transaction_id := NULL;
    END;
END;
$$;

