"""Client affairs casework: the fees part's tables.

:class:`FeeRate` is the council's table of fee rates, effective-dated: a rate applies from its
``effective_from`` until the next rate of the same kind starts. Rates are never edited; a new figure
is a new row, so the table keeps its history. Each rate names its source.

:class:`FeeCharge` is one fee taken from a client's funds: unique per order, kind and year (the order's
date is year 0, its first anniversary year 1...), so the daily job charges each fee once. A charge is
undone by a reversing ledger transaction (recorded on the row), after which the fee may be charged again.

:class:`OpgFeePayment` is one of the Office of the Public Guardian's fees paid from the client's money to the
OPG on its invoice, once per order, kind and year.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.fees.choices import PERCENT_KINDS, FeeKind, FeeStatus

__all__ = ["FeeCharge", "FeeRate", "OpgFeePayment"]


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


class OpgFeePayment(models.Model):
    """One of the Office of the Public Guardian's fees, invoiced to the deputy and paid from the client's money:
    the deputy assessment fee once, then a supervision fee (general or minimal) for each year of the order. Once
    per order, kind and year; an exempt client's invoice is recorded with nothing paid."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="opg_fee_payments")
    authority = models.ForeignKey("deputyship.LegalAuthority", on_delete=models.PROTECT,
                                  related_name="opg_fee_payments")
    kind = models.CharField(max_length=40, choices=FeeKind.choices)
    year = models.PositiveSmallIntegerField(help_text="0 for the assessment fee, 1 for the first year's "
                                                      "supervision...")
    invoice_reference = models.CharField(max_length=100)
    invoiced_on = models.DateField()
    full_fee = models.DecimalField(max_digits=12, decimal_places=2,
                                   help_text="The fee before any exemption or remission.")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="What the client's money paid.")
    explanation = models.JSONField(default=list, help_text="How the amount was worked out, line by line.")
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="opg_fee")
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["authority_id", "year", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[FeeKind.OPG_ASSESSMENT, FeeKind.OPG_GENERAL_SUPERVISION,
                                                         FeeKind.OPG_MINIMAL_SUPERVISION]),
                                   name="opg_fee_kind_is_an_opg_fee"),
            models.CheckConstraint(condition=Q(amount__gte=0, amount__lte=F("full_fee")),
                                   name="opg_fee_amount_in_range"),
            models.CheckConstraint(condition=Q(amount=0, payment__isnull=True)
                                   | Q(amount__gt=0, payment__isnull=False), name="opg_fee_paid_when_due"),
            models.CheckConstraint(condition=~Q(invoice_reference=""), name="opg_fee_invoice_referenced"),
            # The assessment fee is for the order itself; supervision is yearly.
            models.CheckConstraint(condition=Q(kind=FeeKind.OPG_ASSESSMENT, year=0)
                                   | ~Q(kind=FeeKind.OPG_ASSESSMENT) & Q(year__gte=1), name="opg_fee_year_fits_kind"),
            models.UniqueConstraint(fields=["authority", "kind", "year"], name="opg_fee_once_per_order_kind_year"),
            # One supervision fee (general or minimal) a year.
            models.UniqueConstraint(fields=["authority", "year"], condition=~Q(kind=FeeKind.OPG_ASSESSMENT),
                                    name="opg_fee_one_supervision_a_year"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, year {self.year} ({self.invoice_reference})"
