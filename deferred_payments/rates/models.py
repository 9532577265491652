"""The national maximum interest rate for deferred payment agreements, one row per six-month period.

The rate changes every six months, on 1 January and 1 July (Care and Support (Deferred Payment)
Regulations 2014, SI 2014/2671, reg 9: https://www.legislation.gov.uk/uksi/2014/2671/regulation/9;
Care and Support Statutory Guidance 9.67). A period is always a whole half-year: 1 January to 30 June
or 1 July to 31 December, enforced by CHECK constraints; one row per start date (unique), so periods
cannot overlap. Later periods are entered by a team leader when the rate is published, with a reason
and its source, kept in the history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited

__all__ = ["NationalRate", "MissingRateNotice"]

FIRST_HALF = Q(starts_on__month=1, starts_on__day=1, ends_on__month=6, ends_on__day=30)
SECOND_HALF = Q(starts_on__month=7, starts_on__day=1, ends_on__month=12, ends_on__day=31)


class NationalRate(models.Model):
    """The national maximum annual interest rate (per cent) for one six-month period."""

    starts_on = models.DateField(unique=True, help_text="1 January or 1 July.")
    ends_on = models.DateField(help_text="30 June or 31 December of the same year.")
    annual_rate = models.DecimalField(max_digits=6, decimal_places=4, help_text="Per cent a year, e.g. 4.25.")
    source = models.CharField(max_length=400, help_text="Where the rate was published.")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["starts_on"]
        db_table = "deferred_payments_national_rate"
        constraints = [
            models.CheckConstraint(condition=(FIRST_HALF | SECOND_HALF) & Q(ends_on__year=F("starts_on__year")),
                                   name="dpa_rate_whole_half_year"),
            models.CheckConstraint(condition=Q(annual_rate__gte=0, annual_rate__lt=100), name="dpa_rate_in_range"),
        ]

    def __str__(self):
        return f"{self.starts_on:%-d %b %Y} to {self.ends_on:%-d %b %Y}: {self.annual_rate.normalize():f}%"


class MissingRateNotice(models.Model):
    """A team leader was told that interest cannot be accrued from ``starts_on`` because no national rate has
    been entered for that six-month period: one notice (and one task) per period."""

    starts_on = models.DateField(unique=True)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        db_table = "deferred_payments_missing_rate_notice"
