"""Posting in bulk (a bank statement import's lines):

- ``ledger_post_many()``, which ``ledger.services.transactions_post`` calls: a batch of transactions and
  their postings in two multi-row INSERTs. It enforces nothing itself; the triggers of 0002 and 0004
  check its inserts. See ``sql/0008_post_many.up.sql``.
- The overdraft check is queued only for debits, which are all that can overdraw an account (the
  reasoning is in ``sql/0008_overdraft_debits_only.up.sql``).
"""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_reconciliation")]

    operations = [
        migrations.RunSQL(sql=_read("0008_post_many.up.sql"), reverse_sql=_read("0008_post_many.down.sql")),
        migrations.RunSQL(sql=_read("0008_overdraft_debits_only.up.sql"),
                          reverse_sql=_read("0008_overdraft_debits_only.down.sql")),
    ]
