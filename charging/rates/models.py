"""The rates the council charges by: each figure from the day it takes effect, with where it came from.

Only :mod:`charging.rates.services` writes this table; :mod:`charging.rates.selectors` reads it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round

from charging.rates.codes import GBP, RATE_CHOICES, RATE_CODES, UNITS
from core.history import audited
from ledger.money import PENNY


class Rate(models.Model):
    """One figure the council charges by (a capital limit, the personal expenses allowance, a
    Minimum Income Guarantee band, an interest rate, a deputyship fee...) from the day it takes
    effect, with the source it was taken from.

    A rate runs from ``effective_from`` until the day before the next rate for the same code takes
    effect, or until ``effective_to`` where that is set (a figure known to have ended with nothing
    yet to replace it). Pounds have exactly two decimal places; percentages up to four (4.75 means
    4.75% a year).
    """

    code = models.CharField(max_length=60, choices=RATE_CHOICES)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    unit = models.CharField(max_length=10, choices=UNITS)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    source = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["code", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="charging_rate_code_effective_from_uniq"),
            models.CheckConstraint(condition=Q(code__in=list(RATE_CODES)), name="charging_rate_code_valid"),
            models.CheckConstraint(condition=Q(unit__in=[u for u, _ in UNITS]), name="charging_rate_unit_valid"),
            models.CheckConstraint(condition=Q(value__gte=0), name="charging_rate_value_not_negative"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="charging_rate_period_valid",
            ),
            models.CheckConstraint(
                condition=~Q(unit=GBP) | Q(value=Round(F("value"), 2)),
                name="charging_rate_pounds_whole_pence",
            ),
            models.CheckConstraint(condition=~Q(source=""), name="charging_rate_source_given"),
        ]

    def __str__(self):
        return f"{self.get_code_display()} from {self.effective_from:%d %B %Y}: {self.value}"

    @property
    def amount(self):
        """The value at its unit's precision: pounds to the penny."""
        if self.unit == GBP:
            return self.value.quantize(PENNY)
        return self.value
