"""Direct debits: the payer's instruction (the mandate) and each collection under it, with the Bacs files
the council's bureau submits (AUDDIS instructions and collections, Standard 18 format) and the daily
collection run that makes them.

Only :mod:`debt_recovery.directdebits.services` writes these tables. What the bank later reports (ARUDD,
ADDACS, AUDDIS reports) is applied to these rows by ``debt_recovery.bacs_reports``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.directdebits.choices import (
    AmountBasis,
    AuddisState,
    BacsFileKind,
    CollectionStatus,
    Frequency,
    MandateOrigin,
    MandateStatus,
    TransactionCode,
)


class Mandate(models.Model):
    """A Direct Debit Instruction: the payer's permission for the council to collect from their bank
    account, under the council's service user number (SUN).

    ``reference`` is the Bacs reference that identifies the instruction to the payer's bank; it is unique
    per service user number and is quoted in every Bacs record and report about the instruction.
    ``status`` is where the instruction stands for collecting; ``auddis_state`` is what the payer's bank
    has been told through AUDDIS (new instruction 0N, conversion 0S, cancellation 0C).
    """

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="mandates")
    payer_name = models.CharField(max_length=200, help_text="The account holder's name.")
    sort_code = models.CharField(max_length=6, help_text="Six digits, no dashes.")
    account_number = models.CharField(max_length=8, help_text="Eight digits.")
    service_user_number = models.CharField(max_length=6, help_text="The council's SUN the instruction is given to.")
    reference = models.CharField(max_length=18, help_text="The Bacs reference (6 to 18 characters).")
    status = models.CharField(max_length=20, choices=MandateStatus.choices, default=MandateStatus.PENDING_LODGEMENT)
    auddis_state = models.CharField(max_length=20, choices=AuddisState.choices, default=AuddisState.NEW_DUE)
    origin = models.CharField(max_length=10, choices=MandateOrigin.choices, default=MandateOrigin.NEW)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.FOUR_WEEKLY)
    amount_basis = models.CharField(max_length=10, choices=AmountBasis.choices, default=AmountBasis.FIXED)
    regular_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                         help_text="What each collection takes, for a fixed amount.")
    first_collection_on = models.DateField(help_text="The earliest date the payer agreed to the first collection.")
    signed_on = models.DateField(help_text="When the payer gave the instruction (signed, or on the phone).")
    lodged_on = models.DateField(null=True, blank=True, help_text="The processing date of the file that lodged it.")
    status_note = models.TextField(blank=True, default="", help_text="Why it was cancelled, failed or paused.")
    confirmation = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", help_text="The mandate confirmation letter.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["debtor", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["service_user_number", "reference"], name="dd_mandate_reference_per_sun"),
            models.CheckConstraint(condition=Q(status__in=MandateStatus.values), name="dd_mandate_status_valid"),
            models.CheckConstraint(condition=Q(auddis_state__in=AuddisState.values), name="dd_mandate_auddis_valid"),
            models.CheckConstraint(condition=Q(origin__in=MandateOrigin.values), name="dd_mandate_origin_valid"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="dd_mandate_frequency_valid"),
            models.CheckConstraint(condition=Q(amount_basis__in=AmountBasis.values), name="dd_mandate_basis_valid"),
            models.CheckConstraint(condition=Q(sort_code__regex=r"^[0-9]{6}$"), name="dd_mandate_sort_code_digits"),
            models.CheckConstraint(condition=Q(account_number__regex=r"^[0-9]{8}$"),
                                   name="dd_mandate_account_digits"),
            models.CheckConstraint(condition=Q(service_user_number__regex=r"^[0-9]{6}$"), name="dd_mandate_sun_digits"),
            models.CheckConstraint(condition=Q(reference__regex=r"^[A-Z0-9./&\- ]{6,18}$"),
                                   name="dd_mandate_reference_bacs"),
            models.CheckConstraint(condition=~Q(amount_basis=AmountBasis.FIXED) | Q(regular_amount__gt=0),
                                   name="dd_mandate_fixed_amount_given"),
        ]

    def __str__(self):
        return f"Direct debit {self.reference} ({self.payer_name})"

    @property
    def sort_code_display(self) -> str:
        return f"{self.sort_code[:2]}-{self.sort_code[2:4]}-{self.sort_code[4:]}"

    @property
    def account_number_masked(self) -> str:
        return "****" + self.account_number[-4:]


class BacsFile(models.Model):
    """One Bacs Standard 18 file for the bureau to submit: AUDDIS instructions or direct debit
    collections, for one processing date. ``content`` is the file exactly as made (ASCII, CRLF line ends),
    downloaded as it is; ``sha256`` fingerprints it so the bureau's copy can be checked against ours."""

    kind = models.CharField(max_length=20, choices=BacsFileKind.choices)
    processing_date = models.DateField(help_text="The Bacs processing day the file is for.")
    serial = models.CharField(max_length=6, help_text="The file's serial number in its labels.")
    content = models.TextField()
    record_count = models.PositiveIntegerField(help_text="Records, not counting the contra.")
    total = models.DecimalField(max_digits=14, decimal_places=2, default=0,
                                help_text="What the file collects (zero for AUDDIS).")
    sha256 = models.CharField("SHA-256", max_length=64, default="", help_text="The fingerprint of ``content`` as encoded.")
    run = models.ForeignKey("CollectionRun", on_delete=models.PROTECT, null=True, blank=True, related_name="files")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-processing_date", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "processing_date"], name="dd_bacsfile_one_per_day"),
            models.CheckConstraint(condition=Q(kind__in=BacsFileKind.values), name="dd_bacsfile_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.processing_date:%d %B %Y}"


class MandateInstruction(models.Model):
    """One AUDDIS instruction sent about a mandate (0N new, 0S conversion, 0C cancellation), in the file
    that carried it; an AUDDIS report's rejection is matched to it by the mandate's reference."""

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="instructions")
    code = models.CharField(max_length=2, choices=[("0N", "0N New"), ("0S", "0S Conversion"), ("0C", "0C Cancel")])
    bacs_file = models.ForeignKey(BacsFile, on_delete=models.PROTECT, related_name="instructions")

    history = audited()

    class Meta:
        ordering = ["bacs_file", "mandate"]
        constraints = [
            models.UniqueConstraint(fields=["mandate", "code"], name="dd_instruction_once"),
            models.CheckConstraint(condition=Q(code__in=["0N", "0S", "0C"]), name="dd_instruction_code_valid"),
        ]


class CollectionRun(models.Model):
    """The daily direct debit run for one day: advance notices for the collections it scheduled, the AUDDIS
    file and the collections file it made, and the payments it recorded."""

    run_on = models.DateField(unique=True)
    scheduled = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    collected = models.PositiveIntegerField(default=0)
    instructions = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["-run_on"]

    def __str__(self):
        return f"Direct debit run for {self.run_on:%d %B %Y}"


class Collection(models.Model):
    """One direct debit collection: an amount due from the payer's account on a date, announced by an
    advance notice, sent in a Bacs file and, on the date, recorded as a payment (``payment``) that a later
    ARUDD (unpaid) report reverses."""

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="collections")
    due_on = models.DateField(help_text="The date the money leaves the payer's account (a working day).")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    transaction_code = models.CharField(max_length=2, choices=TransactionCode.choices)
    status = models.CharField(max_length=20, choices=CollectionStatus.choices, default=CollectionStatus.SCHEDULED)
    notice = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", help_text="The advance notice letter.")
    notice_sent_on = models.DateField(null=True, blank=True)
    represents = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="representations", help_text="The unpaid collection this re-presents.")
    bacs_file = models.ForeignKey(BacsFile, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="collections")
    payment = models.OneToOneField("debt_recovery.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="dd_collection", help_text="The payment recorded on the due date.")
    run = models.ForeignKey(CollectionRun, on_delete=models.PROTECT, null=True, blank=True, related_name="collections")
    status_note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-due_on", "mandate"]
        constraints = [
            models.UniqueConstraint(fields=["mandate", "due_on"], condition=~Q(status="cancelled"),
                                    name="dd_collection_one_per_day"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dd_collection_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=CollectionStatus.values), name="dd_collection_status_valid"),
            models.CheckConstraint(condition=Q(transaction_code__in=TransactionCode.values),
                                   name="dd_collection_code_valid"),
            models.CheckConstraint(condition=~Q(transaction_code="18") | Q(represents__isnull=False),
                                   name="dd_collection_representation_names_original"),
        ]

    def __str__(self):
        return f"£{self.amount} on {self.due_on:%d %B %Y} ({self.mandate.reference})"
