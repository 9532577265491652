-- ledger_post() and ledger_post_many() (0006_post_transaction.up.sql, 0008_post_many.up.sql) take one
-- more column: relates_to_date, the date a late item belongs to when it is posted in the first open
-- month because its own month is closed (0010_closed_months.up.sql). Read by migration 0010_closed_months.
-- Otherwise they are unchanged, and they still enforce nothing themselves: the triggers check their
-- INSERTs as they check any other. Their arguments change, so the old functions are dropped rather than
-- overloaded (migrating back re-creates them from their own files).

DROP FUNCTION IF EXISTS ledger_post(date, timestamptz, text, text, integer, text, bigint, text, bigint[], numeric[], boolean);
DROP FUNCTION IF EXISTS ledger_post_insert(date, timestamptz, text, text, integer, text, bigint, text, bigint[], numeric[]);
DROP FUNCTION IF EXISTS ledger_post_many(timestamptz, integer, date[], text[], text[], text[], text[], text[], bigint[], numeric[]);

CREATE FUNCTION ledger_post_insert(
    p_effective_date date, p_posted_at timestamptz, p_kind text, p_memo text, p_acting_user_id integer,
    p_idempotency_key text, p_reverses_id bigint, p_category text, p_relates_to_date date,
    p_accounts bigint[], p_amounts numeric[]
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO ledger_transaction (effective_date, posted_at, kind, memo, acting_user_id, idempotency_key,
                                    reverses_id, category, relates_to_date)
    VALUES (p_effective_date, p_posted_at, p_kind, p_memo, p_acting_user_id, p_idempotency_key,
            p_reverses_id, p_category, p_relates_to_date)
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

CREATE FUNCTION ledger_post(
    p_effective_date date, p_posted_at timestamptz, p_kind text, p_memo text, p_acting_user_id integer,
    p_idempotency_key text, p_reverses_id bigint, p_category text, p_relates_to_date date,
    p_accounts bigint[], p_amounts numeric[], p_protect boolean,
    OUT transaction_id bigint, OUT refused_sqlstate text, OUT refused_constraint text, OUT refused_message text
)
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT p_protect THEN
        transaction_id := ledger_post_insert(p_effective_date, p_posted_at, p_kind, p_memo, p_acting_user_id,
                                             p_idempotency_key, p_reverses_id, p_category, p_relates_to_date,
                                             p_accounts, p_amounts);
        RETURN;
    END IF;
    BEGIN
        transaction_id := ledger_post_insert(p_effective_date, p_posted_at, p_kind, p_memo, p_acting_user_id,
                                             p_idempotency_key, p_reverses_id, p_category, p_relates_to_date,
                                             p_accounts, p_amounts);
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

CREATE FUNCTION ledger_post_many(
    p_posted_at timestamptz, p_acting_user_id integer,
    p_effective_dates date[], p_kinds text[], p_memos text[], p_keys text[], p_categories text[],
    p_relates_to_dates date[],
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
                                             idempotency_key, reverses_id, category, relates_to_date)
        SELECT item.effective_date, p_posted_at, item.kind, item.memo, p_acting_user_id, item.key, NULL,
               item.category, item.relates_to_date
          FROM unnest(p_effective_dates, p_kinds, p_memos, p_keys, p_categories, p_relates_to_dates)
               WITH ORDINALITY AS item(effective_date, kind, memo, key, category, relates_to_date, n)
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
