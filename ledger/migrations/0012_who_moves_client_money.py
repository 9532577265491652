"""Who may move client money and sign a month off, in PostgreSQL too (``sql/0012_who_moves_client_money.up.sql``):
a posting to client money by someone outside client affairs is refused (23L11), and so is a sign-off by
someone who does not lead a client affairs team (23L12)."""

import re
from pathlib import Path

from django.conf import settings
from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _up() -> str:
    name = settings.SYSTEM_USERNAME
    if not re.fullmatch(r"[A-Za-z0-9_.@+-]+", name):
        raise ValueError(f"SYSTEM_USERNAME {name!r} is not a plain username")
    return (SQL / "0012_who_moves_client_money.up.sql").read_text(encoding="utf-8").replace("{system_username}", name)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0011_close_signed_off_months"), ("people", "0001_initial")]

    operations = [
        migrations.RunSQL(sql=_up(), reverse_sql=(SQL / "0012_who_moves_client_money.down.sql").read_text(encoding="utf-8")),
    ]
