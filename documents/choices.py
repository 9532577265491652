from django.db import models


class DocumentStatus(models.TextChoices):
    """Where a document is in being made: asked for, made (the PDF is stored), or could not be made."""

    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DocumentKind(models.TextChoices):
    """The letters and reports the service makes (each has a spec in ``documents.letters``), and the
    files people upload (``EVIDENCE``: a document seen for a financial assessment)."""

    CONTACT_DETAILS = "contact_details", "Contact details we hold for you"
    ASSESSMENT_LETTER = "assessment_letter", "Your financial assessment"
    CHARGE_INVOICE = "charge_invoice", "Your care charges invoice"
    EVIDENCE = "evidence", "Evidence"
    DEBT_REMINDER = "debt_recovery.reminder", "Reminder: your account is overdue"
    DEBT_FINAL_REMINDER = "debt_recovery.final_reminder", "Final reminder: your account is overdue"
    DEBT_LETTER_BEFORE_CLAIM = "debt_recovery.letter_before_claim", "Letter before claim"
    DD_CONFIRMATION = "debt_recovery.dd_confirmation", "Your Direct Debit Instruction"
    DD_ADVANCE_NOTICE = "debt_recovery.dd_advance_notice", "Advance notice of your Direct Debit"

    DEBT_STATEMENT = "debt_recovery.statement", "Your statement of account"
    DEBT_STATEMENT_PRINT_FILE = "debt_recovery.statement_print", "Statements for the post room"
    DEPUTY_REPORT = "deputyship.annual_report", "Annual deputy report to the Office of the Public Guardian"

    DEPUTYSHIP_PARTY_NOTICE = "deputyship.party_notice", "Notice of an application to the Court of Protection"
    DEPUTYSHIP_ORDER_NOTICE = "deputyship.order_notice", "Notice of the council's authority to act"
    DEPUTYSHIP_DEATH_NOTICE = "deputyship.death_notice", "Notification of a death"
    DEPUTYSHIP_FINAL_ACCOUNT = "deputyship.final_account", "Final account of the client's money"
    DPA_STATEMENT = "deferred_payments.statement", "Your deferred payment agreement statement"

    DPA_AGREEMENT = "deferred_payments.agreement", "Your deferred payment agreement"
    DPA_SETTLEMENT = "deferred_payments.settlement", "Your deferred payment agreement: final settlement"


#: Kinds that are uploaded files, not letters the service makes.
UPLOADED_KINDS = (DocumentKind.EVIDENCE,)
