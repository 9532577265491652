"""Client money rules in PostgreSQL: never overdrawn, never across clients. See ``sql/0004_client_money.up.sql``."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_client_money_schema")]

    operations = [
        migrations.RunSQL(sql=_read("0004_client_money.up.sql"), reverse_sql=_read("0004_client_money.down.sql")),
    ]
