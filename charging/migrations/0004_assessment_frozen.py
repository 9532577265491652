"""A submitted or approved assessment's numbers cannot be changed, nor an approval rewritten, nor
anything but a draft deleted: a trigger, so no code path can. See ``sql/0004_assessment_frozen.up.sql``."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [("charging", "0003_assessments")]

    operations = [
        migrations.RunSQL(sql=_read("0004_assessment_frozen.up.sql"),
                          reverse_sql=_read("0004_assessment_frozen.down.sql")),
    ]
