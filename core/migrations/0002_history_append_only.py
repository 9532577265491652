"""Change history and the record-access log refuse UPDATE and DELETE (``sql/0002_history_append_only.up.sql``:
23H01). The function is made here; ``manage.py migrate`` puts its trigger on every history table
(core/database.py)."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunSQL(sql=(SQL / "0002_history_append_only.up.sql").read_text(encoding="utf-8"),
                          reverse_sql=(SQL / "0002_history_append_only.down.sql").read_text(encoding="utf-8")),
    ]
