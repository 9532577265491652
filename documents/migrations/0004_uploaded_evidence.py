"""Files people upload (evidence for a financial assessment) are stored as documents: a kind of their
own, the name they were uploaded under, and what their content showed them to be. PostgreSQL keeps
the kinds and the file types to the known ones, and an uploaded file always has a name."""

from django.db import migrations, models

KINDS = [
    ("contact_details", "Contact details we hold for you"),
    ("assessment_letter", "Your financial assessment"),
    ("charge_invoice", "Your care charges invoice"),
    ("evidence", "Evidence"),
]
CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png"]


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_charge_invoice_kind"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="document", name="document_kind_valid"),
        migrations.AlterField(model_name="document", name="kind",
                              field=models.CharField(choices=KINDS, max_length=40)),
        migrations.AlterField(model_name="historicaldocument", name="kind",
                              field=models.CharField(choices=KINDS, max_length=40)),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.CheckConstraint(condition=models.Q(("kind__in", [k for k, _ in KINDS])),
                                              name="document_kind_valid"),
        ),
        migrations.AddField(
            model_name="document", name="content_type",
            field=models.CharField(default="application/pdf", help_text="What the stored file is, from its content.",
                                   max_length=100),
        ),
        migrations.AddField(
            model_name="historicaldocument", name="content_type",
            field=models.CharField(default="application/pdf", help_text="What the stored file is, from its content.",
                                   max_length=100),
        ),
        migrations.AddField(
            model_name="document", name="file_name",
            field=models.CharField(blank=True, max_length=200,
                                   help_text="An uploaded file's name as it was uploaded (letters have none)."),
        ),
        migrations.AddField(
            model_name="historicaldocument", name="file_name",
            field=models.CharField(blank=True, max_length=200,
                                   help_text="An uploaded file's name as it was uploaded (letters have none)."),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.CheckConstraint(condition=models.Q(("content_type__in", CONTENT_TYPES)),
                                              name="document_content_type_accepted"),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("kind__in", ["evidence"]), _negated=True),
                                   models.Q(("file_name", ""), _negated=True), _connector="OR"),
                name="document_upload_named"),
        ),
    ]
