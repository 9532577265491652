"""The ledger's invariants in PostgreSQL: see ``sql/0002_invariants.up.sql``."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [
        migrations.RunSQL(sql=_read("0002_invariants.up.sql"), reverse_sql=_read("0002_invariants.down.sql")),
    ]
