"""Accrual: what the daily accrual run has posted to each agreement's debt account, the council's fee
schedule, the equity warnings given and each agreement's projected equity position.

Every posting is one :class:`AccrualPosting`, unique on its ``key``, which is also the ledger transaction's
idempotency key, so a rerun or a run after a crash posts nothing twice:

* ``dpa-deferral:<agreement>:<week start>`` for each week's deferred amount;
* ``dpa-fee:<agreement>:<fee>:<due date>`` for each administration fee;
* ``dpa-interest:<agreement>:<period start>`` for the interest of each six-month period (or part of one).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deferred_payments.accrual.choices import AccrualKind, FeeKind

__all__ = ["FeeScheduleItem", "AccrualPosting", "EquityWarning", "EquityPosition"]


class FeeScheduleItem(models.Model):
    """One administration fee the council charges on every agreement: a set-up fee or an annual fee, in force
    from ``effective_from`` until ``effective_to`` (the council's local choice; Care and Support (Deferred
    Payment) Regulations 2014 reg 10 allows its actual or average costs)."""

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=FeeKind.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=400, help_text="The council's decision or fees list it comes from.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["kind", "name", "effective_from"]
        db_table = "deferred_payments_fee_schedule_item"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FeeKind.values), name="dpa_fee_kind_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dpa_fee_positive"),
            models.CheckConstraint(condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                                   name="dpa_fee_dates_in_order"),
        ]

    def __str__(self):
        return f"{self.name} (£{self.amount:,.2f}, {self.get_kind_display().lower()})"


class AccrualPosting(models.Model):
    """One amount the accrual run posted to an agreement's debt account, with its ledger transaction."""

    agreement = models.ForeignKey("deferred_payments.Agreement", on_delete=models.PROTECT, related_name="accruals")
    kind = models.CharField(max_length=10, choices=AccrualKind.choices)
    key = models.CharField(max_length=120, unique=True)
    starts_on = models.DateField(help_text="The week, period or due date the amount is for.")
    ends_on = models.DateField()
    posted_on = models.DateField(help_text="The ledger transaction's effective date.")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    annual_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    fee = models.ForeignKey(FeeScheduleItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    working = models.TextField(blank=True)
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["agreement", "posted_on", "kind"]
        db_table = "deferred_payments_accrual_posting"
        indexes = [models.Index(fields=["agreement", "kind", "starts_on"], name="dpa_accrual_agreement_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AccrualKind.values), name="dpa_accrual_kind_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dpa_accrual_positive"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="dpa_accrual_dates_in_order"),
            models.CheckConstraint(condition=~Q(kind=AccrualKind.FEE) | Q(fee__isnull=False),
                                   name="dpa_accrual_fee_has_item"),
            models.CheckConstraint(condition=~Q(kind=AccrualKind.INTEREST) | Q(annual_rate__isnull=False),
                                   name="dpa_accrual_interest_has_rate"),
        ]


class EquityWarning(models.Model):
    """The case officer was told the debt counted towards the equity limit had reached ``threshold`` per cent
    of it: once per agreement and threshold (100: the limit is reached and deferral has stopped)."""

    agreement = models.ForeignKey("deferred_payments.Agreement", on_delete=models.PROTECT,
                                  related_name="equity_warnings")
    threshold = models.PositiveSmallIntegerField()
    counted = models.DecimalField(max_digits=14, decimal_places=2)
    equity_limit = models.DecimalField(max_digits=14, decimal_places=2)
    on = models.DateField()
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        db_table = "deferred_payments_equity_warning"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "threshold"], name="dpa_equity_warning_once"),
            models.CheckConstraint(condition=Q(threshold__gt=0, threshold__lte=100), name="dpa_equity_threshold_range"),
        ]


class EquityPosition(models.Model):
    """Where an agreement stands against its equity limit after the last accrual run, and the date the limit is
    projected to be reached at the weekly amount in force (none: not within 40 years, or a rate is missing)."""

    agreement = models.OneToOneField("deferred_payments.Agreement", on_delete=models.PROTECT,
                                     related_name="equity_position")
    on = models.DateField()
    counted = models.DecimalField(max_digits=14, decimal_places=2)
    equity_limit = models.DecimalField(max_digits=14, decimal_places=2)
    limit_reached_on = models.DateField(null=True, blank=True)
    deferral_stopped_on = models.DateField(null=True, blank=True)
    working = models.TextField(blank=True)

    history = audited()

    class Meta:
        db_table = "deferred_payments_equity_position"
        constraints = [models.CheckConstraint(condition=Q(equity_limit__gte=0), name="dpa_equity_position_limit")]
