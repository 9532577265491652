from django.db import models


class DocumentStatus(models.TextChoices):
    """Where a document is in being made: asked for, made (the PDF is stored), or could not be made."""

    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DocumentKind(models.TextChoices):
    """The letters and reports the service can make. Each has a spec in ``documents.letters``."""

    CONTACT_DETAILS = "contact_details", "Contact details we hold for you"
    ASSESSMENT_LETTER = "assessment_letter", "Your financial assessment"
    CHARGE_INVOICE = "charge_invoice", "Your care charges invoice"
