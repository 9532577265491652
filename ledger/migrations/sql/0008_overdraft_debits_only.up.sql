-- The overdraft check (0004_client_money.up.sql, 23L05) is queued only for postings that take money
-- out of an account: a debit, amount > 0. Read by migration 0008_post_many.
--
-- Why it still refuses every overdraft: a client's funds account is a liability, overdrawn when the sum
-- of its postings is above zero. A credit (amount < 0) only lowers that sum, so a database transaction
-- whose postings to an account are all credits cannot overdraw it. Any transaction with a debit to the
-- account is checked at commit exactly as before: the trigger locks the account row (FOR NO KEY UPDATE)
-- and then sums every posting it can see, its own included. Transactions with debits to one account so
-- queue behind each other, and the last of them to commit has seen every debit ever committed to the
-- account; credits committed meanwhile that it did not see only lower the true sum. (A zero amount is
-- refused by ledger_posting_amount_not_zero.)
--
-- Why: the check sums the account's whole history, once per posting row. A bank statement import posts
-- tens of thousands of receipts into clients' funds, each a credit; checking each one cost about as much
-- as everything else the import does in the database. The WHEN clause is evaluated as the row is
-- inserted, so a credit queues no deferred check at all.

DROP TRIGGER ledger_posting_funds_not_overdrawn ON ledger_posting;

CREATE CONSTRAINT TRIGGER ledger_posting_funds_not_overdrawn
    AFTER INSERT ON ledger_posting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.amount > 0)
    EXECUTE FUNCTION ledger_posting_funds_not_overdrawn_trigger();
