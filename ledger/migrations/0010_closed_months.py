"""Closed months and the ledger's remaining holes, closed in PostgreSQL:

- ``sql/0010_closed_months.up.sql``: no posting to the client-money sub-ledger (the pooled bank, clients'
  funds, suspense) dated in a closed month (23L07); the record of a closed month is kept (23L10);
- ``sql/0010_posting_checks.up.sql``: the per-row checks on a new posting in one trigger: no posting joins
  a transaction written earlier (23L08), the closed months (23L07), and the effective date (23L04, moved
  here from its own trigger);
- ``sql/0010_accounts_fixed.up.sql``: an account with postings keeps its owner, kind and purpose (23L09),
  and the overdraft check (23L05) asks what an account is (a client's liability), not its purpose;
- ``sql/0010_post_relates_to.up.sql``: ``ledger_post()`` and ``ledger_post_many()`` take the date a late
  item belongs to.
"""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0009_closed_months_schema")]

    operations = [
        migrations.RunSQL(sql=_read("0010_closed_months.up.sql"), reverse_sql=_read("0010_closed_months.down.sql")),
        migrations.RunSQL(sql=_read("0010_posting_checks.up.sql"), reverse_sql=_read("0010_posting_checks.down.sql")),
        migrations.RunSQL(sql=_read("0010_accounts_fixed.up.sql"), reverse_sql=_read("0010_accounts_fixed.down.sql")),
        # Back: the functions as 0006 and 0008 made them, from their own files.
        migrations.RunSQL(sql=_read("0010_post_relates_to.up.sql"),
                          reverse_sql=_read("0010_post_relates_to.down.sql") + _read("0006_post_transaction.up.sql")
                          + _read("0008_post_many.up.sql")),
    ]
