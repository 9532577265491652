"""A piece of evidence may carry a copy of the document seen, uploaded and stored as a document."""

import django.db.models.deletion
from django.db import migrations, models

HELP = "A copy of the document seen (PDF, JPEG or PNG), if one was uploaded."


class Migration(migrations.Migration):

    dependencies = [
        ("charging", "0010_approver"),
        ("documents", "0004_uploaded_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentevidence",
            name="document",
            field=models.OneToOneField(blank=True, help_text=HELP, null=True,
                                       on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                       to="documents.document"),
        ),
        migrations.AddField(
            model_name="historicalassessmentevidence",
            name="document",
            field=models.ForeignKey(blank=True, db_constraint=False, help_text=HELP, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="documents.document"),
        ),
    ]
