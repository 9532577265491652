"""A deputyship application cannot be submitted until every interested party has been told (the SQL is in
``sql/0003_referrals_parties_told.*.sql``)."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


class Migration(migrations.Migration):

    dependencies = [
        ("deputyship", "0002_referrals_casework"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(SQL / "0003_referrals_parties_told.up.sql").read_text(encoding="utf-8"),
            reverse_sql=(SQL / "0003_referrals_parties_told.down.sql").read_text(encoding="utf-8"),
        ),
    ]
