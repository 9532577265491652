"""County court claims, their judgment and enforcement; the limitation warnings given for each debt; and
the estates of debtors who have died.

A claim stores what it was made from: the particulars (within Money Claim Online's limits), the Care Act
s.69(2) deferred payment answer, the letter before claim it follows (a stored document, or the date one
was sent outside the system) and the debtor's reply. The statement of account and chronology in the
claim pack are drawn from the ledger and the record when the pack is printed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.court.choices import (
    OPEN_STATUSES,
    ClaimStatus,
    DeferredPaymentAnswer,
    EnforcementKind,
    EstateStatus,
    ProbateResult,
)


class CourtClaim(models.Model):
    """A county court claim for a debtor's debt, from the claim pack to judgment and enforcement."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="court_claims")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.PREPARED)
    amount = models.DecimalField(max_digits=14, decimal_places=2,
                                 help_text="The sum claimed: what is owed on charges still within six years.")
    defendants = models.JSONField(default=list, help_text="One or two names, as the claim form gives them.")
    particulars = models.TextField(help_text="Particulars of claim (Money Claim Online: 1,080 characters at most).")
    deferred_payment_answer = models.CharField(max_length=20, choices=DeferredPaymentAnswer.choices)
    deferred_payment_note = models.TextField(blank=True, default="")
    letter_before_claim = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+")
    letter_before_claim_sent_on = models.DateField()
    reply_received_on = models.DateField(null=True, blank=True)
    reply_summary = models.TextField(blank=True, default="", help_text="What the debtor said in reply, if anything.")
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now)
    issued_on = models.DateField(null=True, blank=True)
    claim_number = models.CharField(max_length=40, blank=True, default="")
    court_fee = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    judgment_on = models.DateField(null=True, blank=True)
    judgment_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    judgment_terms = models.TextField(blank=True, default="", help_text="e.g. forthwith, or £50 a month.")
    closed_on = models.DateField(null=True, blank=True)
    closed_note = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-prepared_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="court_claim_status_valid"),
            models.CheckConstraint(condition=Q(deferred_payment_answer__in=[DeferredPaymentAnswer.NOT_POSSIBLE,
                                                                            DeferredPaymentAnswer.REFUSED]),
                                   name="court_claim_care_act_s69_2"),
            models.CheckConstraint(condition=Q(amount__gt=0) & Q(amount__lt=100000), name="court_claim_mcol_amount"),
            models.CheckConstraint(condition=~Q(status=ClaimStatus.ISSUED) | Q(issued_on__isnull=False),
                                   name="court_claim_issued_dated"),
            models.CheckConstraint(condition=~Q(status=ClaimStatus.JUDGMENT) | Q(judgment_on__isnull=False),
                                   name="court_claim_judgment_dated"),
            models.UniqueConstraint(fields=["debtor"], condition=Q(status__in=OPEN_STATUSES),
                                    name="court_claim_one_open_per_debtor"),
        ]

    def __str__(self):
        return f"County court claim {self.claim_number or self.pk} against {self.debtor}"

    @property
    def client(self):
        return self.debtor.client


class Enforcement(models.Model):
    """One step taken to enforce a judgment."""

    claim = models.ForeignKey(CourtClaim, on_delete=models.PROTECT, related_name="enforcements")
    kind = models.CharField(max_length=30, choices=EnforcementKind.choices)
    started_on = models.DateField()
    note = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=EnforcementKind.values),
                                              name="enforcement_kind_valid")]

    @property
    def client(self):
        return self.claim.debtor.client


class LimitationWarning(models.Model):
    """The warning given once for one charge on a debt nearing its six-year limitation date (Care Act
    s.69(1)): the task the officer was set. Unique per charge, so the daily job gives it exactly once."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="limitation_warnings")
    charge = models.ForeignKey("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    fell_due = models.DateField()
    limitation_date = models.DateField()
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    warned_at = models.DateTimeField(default=timezone.now)

    history = audited()

    class Meta:
        ordering = ["limitation_date", "id"]
        constraints = [models.UniqueConstraint(fields=["debtor", "charge"], name="limitation_warning_once")]


class EstateCase(models.Model):
    """Recovering a deceased debtor's debt from their estate: the probate search, the claim against the
    estate and, where the person had a deferred payment agreement, the 90-day rule, each as a task."""

    debtor = models.OneToOneField(DebtorAccount, on_delete=models.PROTECT, related_name="estate_case")
    date_of_death = models.DateField()
    has_deferred_payment = models.BooleanField(default=False, help_text="The person had a deferred payment "
                                               "agreement (recorded here until deferred payments are built).")
    status = models.CharField(max_length=10, choices=EstateStatus.choices, default=EstateStatus.OPEN)
    probate_result = models.CharField(max_length=20, choices=ProbateResult.choices,
                                      default=ProbateResult.NOT_SEARCHED)
    probate_searched_on = models.DateField(null=True, blank=True)
    grant_issued_on = models.DateField(null=True, blank=True)
    personal_representatives = models.TextField(blank=True, default="", help_text="Names and addresses from the grant.")
    claim_sent_on = models.DateField(null=True, blank=True)
    claim_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True, default="")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EstateStatus.values), name="estate_case_status_valid"),
            models.CheckConstraint(condition=Q(probate_result__in=ProbateResult.values),
                                   name="estate_case_probate_result_valid"),
        ]

    @property
    def client(self):
        return self.debtor.client
