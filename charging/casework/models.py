"""Casework around a charge: top-up agreements and their four-weekly invoices, appeals and
complaints, deprivation-of-assets decisions and referrals out.

Imported by :mod:`charging.models`, so these are models of the ``charging`` app. Only
:mod:`charging.casework.services` writes these tables; :mod:`charging.casework.selectors` reads them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from charging.casework.choices import (
    AppealKind,
    AppealOutcome,
    FirstPartyCase,
    ReferralTo,
    TopUpInvoiceStatus,
    TopUpPayerKind,
    TopUpStatus,
)
from core.history import audited
from people.models import Client, Contact, Note, Task, Team


def _money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class TopUpAgreement(models.Model):
    """A written agreement that someone pays the difference between the council's usual rate and a
    more expensive care home ("a top-up"), a fixed amount a week, from a start date (until an end
    date, where there is one).

    Usually a third party (a relative, recorded as a contact) pays; the resident may pay their own
    top-up only during the 12-week property disregard or under a deferred payment agreement, and
    which of those is recorded. The agreement is not active until the signed written agreement has
    been received (its date is recorded). The council stays liable to the care home for the whole fee:
    if the top-up is not paid, the council still pays the home and follows the payer up.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="topup_agreements")
    care_package = models.ForeignKey(
        "charging.CarePackage", on_delete=models.PROTECT, null=True, blank=True, related_name="topup_agreements",
        help_text="The residential care package the top-up is for, where it is on the record.",
    )
    payer_kind = models.CharField(max_length=20, choices=TopUpPayerKind.choices)
    payer = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="topups_paid",
        help_text="The third party who pays (empty when the resident pays).",
    )
    first_party_case = models.CharField(max_length=20, choices=FirstPartyCase.choices, blank=True, default="")
    weekly_amount = _money(help_text="The top-up a week, in pounds.")
    provider_name = models.CharField(max_length=200, help_text="The care home.")
    provider = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="topups_received",
        help_text="The care home as a contact on the record, where it is one.",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    agreement_signed_on = models.DateField(
        null=True, blank=True, help_text="The date on the signed written agreement, once received.")
    status = models.CharField(max_length=10, choices=TopUpStatus.choices, default=TopUpStatus.AWAITING_AGREEMENT)
    notes = models.TextField(blank=True)
    end_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(payer_kind__in=TopUpPayerKind.values),
                                   name="charging_topup_payer_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=TopUpStatus.values), name="charging_topup_status_valid"),
            # A third party is a contact; the resident pays only in one of the permitted cases.
            models.CheckConstraint(
                condition=Q(payer_kind=TopUpPayerKind.THIRD_PARTY, payer__isnull=False, first_party_case="")
                | Q(payer_kind=TopUpPayerKind.RESIDENT, payer__isnull=True,
                    first_party_case__in=[FirstPartyCase.PROPERTY_DISREGARD, FirstPartyCase.DEFERRED_PAYMENT]),
                name="charging_topup_payer_matches_kind",
            ),
            models.CheckConstraint(condition=Q(weekly_amount__gt=0), name="charging_topup_amount_positive"),
            models.CheckConstraint(condition=~Q(provider_name=""), name="charging_topup_provider_named"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="charging_topup_period_valid",
            ),
            # No active (or ended) top-up without the signed written agreement.
            models.CheckConstraint(
                condition=Q(status=TopUpStatus.AWAITING_AGREEMENT) | Q(agreement_signed_on__isnull=False),
                name="charging_topup_active_needs_signed_agreement",
            ),
            models.CheckConstraint(
                condition=~Q(status=TopUpStatus.ENDED) | Q(end_date__isnull=False),
                name="charging_topup_ended_has_end_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"], name="charging_topup_status_idx")]

    def __str__(self):
        return f"Top-up of £{self.weekly_amount} a week at {self.provider_name} from {self.start_date:%d %B %Y}"

    @property
    def payer_name(self) -> str:
        return self.payer.name if self.payer_id else "The resident"


class TopUpInvoice(models.Model):
    """What the top-up payer owes for one four-weekly period (less for a part period: the weekly
    amount times the days covered divided by seven, to the penny), when it is due, and whether it was
    paid or missed. ``follow_up_task`` is the task given to the client's charging officer when it was
    missed, set once, so a missed invoice is followed up exactly once."""

    agreement = models.ForeignKey(TopUpAgreement, on_delete=models.PROTECT, related_name="invoices")
    period_start = models.DateField()

    @property
    def client(self):
        """The client the invoice is about (its agreement's), for the rules and the access log."""
        return self.agreement.client
    period_end = models.DateField()
    days = models.PositiveSmallIntegerField(help_text="Days of the period the agreement covers.")
    amount = _money()
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=TopUpInvoiceStatus.choices, default=TopUpInvoiceStatus.DUE)
    paid_on = models.DateField(null=True, blank=True)
    amount_paid = _money(null=True, blank=True)
    missed_reason = models.TextField(blank=True)
    follow_up_task = models.OneToOneField(
        Task, on_delete=models.PROTECT, null=True, blank=True, related_name="topup_invoice")
    raised_at = models.DateTimeField(auto_now_add=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["agreement", "-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start"], name="charging_topupinvoice_one_per_period"),
            models.CheckConstraint(condition=Q(status__in=TopUpInvoiceStatus.values),
                                   name="charging_topupinvoice_status_valid"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                   name="charging_topupinvoice_period_valid"),
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=28), name="charging_topupinvoice_days_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="charging_topupinvoice_amount_positive"),
            models.CheckConstraint(
                condition=Q(status=TopUpInvoiceStatus.PAID, paid_on__isnull=False, amount_paid__gt=0)
                | (~Q(status=TopUpInvoiceStatus.PAID) & Q(paid_on__isnull=True, amount_paid__isnull=True)),
                name="charging_topupinvoice_paid_has_payment",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="charging_topupinvoice_due_idx")]

    def __str__(self):
        return f"Top-up invoice {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}: £{self.amount}"


class DeprivationDecision(models.Model):
    """A decision that the person deliberately deprived themselves of capital to avoid or reduce a
    charge, so that an amount is treated as capital they still have ("notional capital", Care and
    Support Statutory Guidance Annex E). Who decided, when, how much, what was disposed of, and the
    reasons, which must be recorded (Ombudsman, Norfolk 24 013 283)."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="deprivation_decisions")
    assessment = models.ForeignKey(
        "charging.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="deprivation_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField()
    notional_capital = _money(help_text="The amount treated as capital the person still has.")
    asset_disposed = models.TextField(help_text="What was given away or spent, and when.")
    reasons = models.TextField(help_text="Why the council decided it was deliberate deprivation.")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(notional_capital__gt=0), name="charging_deprivation_amount_positive"),
            models.CheckConstraint(condition=~Q(reasons="") & ~Q(asset_disposed=""),
                                   name="charging_deprivation_reasons_given"),
        ]

    def __str__(self):
        return f"Deprivation decision of {self.decided_on:%d %B %Y}: £{self.notional_capital} notional capital"


class Appeal(models.Model):
    """A request to review a charging decision, a formal complaint, or an Ombudsman enquiry: when it
    came in, the grounds, when a response is due, and its outcome with its date and reasons. It may
    concern an assessment or a deprivation decision, and may have led to a re-assessment."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField(max_length=12, choices=AppealKind.choices)
    assessment = models.ForeignKey(
        "charging.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="appeals",
        help_text="The assessment it concerns, if any.")
    deprivation_decision = models.ForeignKey(
        DeprivationDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals",
        help_text="The deprivation-of-assets decision it concerns, if any.")
    received_on = models.DateField()
    grounds = models.TextField()
    due_on = models.DateField(help_text="When the council's response is due.")
    outcome = models.CharField(max_length=14, choices=AppealOutcome.choices, blank=True, default="")
    outcome_on = models.DateField(null=True, blank=True)
    outcome_reasons = models.TextField(blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reassessment = models.ForeignKey(
        "charging.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="appeals_led_to",
        help_text="The re-assessment the appeal led to, if any.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AppealKind.values), name="charging_appeal_kind_valid"),
            models.CheckConstraint(condition=Q(outcome__in=AppealOutcome.values), name="charging_appeal_outcome_valid"),
            models.CheckConstraint(condition=~Q(grounds=""), name="charging_appeal_grounds_given"),
            models.CheckConstraint(condition=Q(due_on__gte=F("received_on")), name="charging_appeal_due_after_received"),
            models.CheckConstraint(
                condition=Q(outcome="", outcome_on__isnull=True, outcome_reasons="", outcome_recorded_by__isnull=True,
                            reassessment__isnull=True)
                | (~Q(outcome="") & Q(outcome_on__isnull=False, outcome_recorded_by__isnull=False)
                   & ~Q(outcome_reasons="") & Q(outcome_on__gte=F("received_on"))),
                name="charging_appeal_outcome_recorded",
            ),
        ]
        indexes = [models.Index(fields=["outcome", "due_on"], name="charging_appeal_open_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} received {self.received_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.outcome == AppealOutcome.NONE


class Referral(models.Model):
    """A referral out by a charging officer: to welfare benefits advice (unclaimed entitlement), to
    safeguarding (suspected financial abuse) or to client affairs (the person cannot manage their
    money). It is the task it gave someone and the note it left in the client's journal."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    to = models.CharField(max_length=20, choices=ReferralTo.choices)
    reason = models.TextField()
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_received",
                             help_text="The team referred to (client affairs), where there is one.")
    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="referral")
    note = models.OneToOneField(Note, on_delete=models.PROTECT, related_name="referral")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "-made_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(to__in=ReferralTo.values), name="charging_referral_to_valid"),
            models.CheckConstraint(condition=~Q(reason=""), name="charging_referral_reason_given"),
        ]

    def __str__(self):
        return f"Referral to {self.get_to_display().lower()}"
