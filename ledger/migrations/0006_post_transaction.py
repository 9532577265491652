"""One round trip per post: ``ledger_post()``, which ``ledger.services.transaction_post`` calls. It enforces
nothing itself; the triggers of 0002 and 0004 check its inserts. See ``sql/0006_post_transaction.up.sql``."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_statement_import")]

    operations = [
        migrations.RunSQL(sql=_read("0006_post_transaction.up.sql"),
                          reverse_sql=_read("0006_post_transaction.down.sql")),
    ]
