"""Client affairs casework: the fees part's tables.

:class:`FeeRate` is the council's table of fee rates, effective-dated: a rate applies from its
``effective_from`` until the next rate of the same kind starts. Rates are never edited; a new figure
is a new row, so the table keeps its history. Each rate names its source.

:class:`FeeCharge` is one fee taken from a client's funds: unique per order, kind and year (the order's
date is year 0, its first anniversary year 1...), so the daily job charges each fee once. A charge is
undone by a reversing ledger transaction (recorded on the row), after which the fee may be charged again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from deputyship.fees.choices import PERCENT_KINDS, FeeKind, FeeStatus

__all__ = ["FeeCharge", "FeeRate"]


class FeeRate(models.Model):
    """A fee rate (an amount, or for the low-asset cap a percentage) in force from ``effective_from``."""

    kind = models.CharField(max_length=40, choices=FeeKind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2,
                                 help_text="Pounds, or for the low-asset cap percentage, per cent (3.50 = 3.5%).")
    effective_from = models.DateField()
    source = models.CharField(max_length=500, help_text="Where the figure comes from (a page, a practice direction).")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FeeKind.values), name="fee_rate_kind_valid"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_rate_amount_not_negative"),
            models.CheckConstraint(condition=~Q(kind__in=PERCENT_KINDS) | Q(amount__lte=100),
                                   name="fee_rate_percent_at_most_100"),
            models.CheckConstraint(condition=~Q(source=""), name="fee_rate_source_given"),
            models.UniqueConstraint(fields=["kind", "effective_from"], name="fee_rate_one_per_kind_and_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.effective_from}: {self.amount}"


class FeeCharge(models.Model):
    """A fee taken from a client's funds into the council's deputyship fee income."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="deputyship_fees")
    authority = models.ForeignKey("deputyship.LegalAuthority", on_delete=models.PROTECT, related_name="fees")
    kind = models.CharField(max_length=40, choices=FeeKind.choices)
    year = models.PositiveSmallIntegerField(help_text="0 for the order itself, 1 for its first anniversary, ...")
    due_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    explanation = models.JSONField(default=list, help_text="How the amount was worked out, line by line.")
    charged_on = models.DateField()
    transaction = models.ForeignKey("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=FeeStatus.choices, default=FeeStatus.CHARGED)
    reversal = models.ForeignKey("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    reversal_reason = models.TextField(blank=True, default="")
    late_permission = models.ForeignKey("deputyship.CourtPermission", on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="+",
                                        help_text="The court's permission, for a fee charged more than a year late.")
    charged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    charged_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-due_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FeeKind.values), name="fee_charge_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=FeeStatus.values), name="fee_charge_status_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_charge_amount_positive"),
            models.CheckConstraint(
                condition=(Q(status=FeeStatus.CHARGED, reversal__isnull=True)
                           | Q(status=FeeStatus.REVERSED, reversal__isnull=False)),
                name="fee_charge_reversed_with_reversal"),
            # Each fee once per order and year, unless the charge was reversed.
            models.UniqueConstraint(fields=["authority", "kind", "year"], condition=Q(status=FeeStatus.CHARGED),
                                    name="fee_charge_once_per_year"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, year {self.year}: £{self.amount}"
