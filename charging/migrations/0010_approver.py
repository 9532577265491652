"""Only a charging team leader approves an assessment, in PostgreSQL too (``sql/0010_approver.up.sql``, 23C01)."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


class Migration(migrations.Migration):
    dependencies = [("charging", "0009_seed_benefit_rates"), ("people", "0001_initial")]

    operations = [
        migrations.RunSQL(sql=(SQL / "0010_approver.up.sql").read_text(encoding="utf-8"),
                          reverse_sql=(SQL / "0010_approver.down.sql").read_text(encoding="utf-8")),
    ]
