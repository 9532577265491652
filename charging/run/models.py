"""The charging run's records: the invoice for each four-weekly period and every charge made for a
period, each one ledger transaction.

Only :mod:`charging.run.services` writes these tables.
"""

from __future__ import annotations

import datetime as dt

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q

from charging.assessments.models import money_field
from core.history import audited
from documents.models import Document
from people.models import Client


class Invoice(models.Model):
    """What the council asks a person to pay for one four-weekly period, in arrears: the charges made
    in that period's run (the period itself, and any earlier period charged for the first time or
    charged again after a backdated assessment), line by line, with the PDF sent to the person.

    One per client and period (``period_start``). Made by the charging run (``charging.run``), never
    edited.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="invoices")
    period = models.CharField(max_length=10, help_text="The charging period, e.g. 2026-P08.")
    period_start = models.DateField()
    period_end = models.DateField()
    amount = money_field(help_text="The total of the invoice's charges (a credit if negative).")
    lines = models.JSONField(encoder=DjangoJSONEncoder, default=list)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["client", "period_start"], name="charging_invoice_one_per_period"),
            models.CheckConstraint(condition=Q(period_end=F("period_start") + dt.timedelta(days=27)),
                                   name="charging_invoice_four_weeks"),
        ]

    def __str__(self):
        return f"Invoice {self.period} for {self.client_id}: {self.amount}"


class PeriodCharge(models.Model):
    """What a person was charged for one period: the first charge (``sequence`` 0) and any
    adjustment after it (1, 2...: a backdated assessment, a care package ended or a death recorded
    afterwards), each the difference between what is due and what was already charged.

    Never changed once made, except to be linked to the invoice that carries it. Each one is one ledger
    transaction, key ``charge:<client>:<period>`` (``...:<sequence>`` for an adjustment), so a
    period is posted exactly once per person however often the run repeats.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="period_charges")
    period = models.CharField(max_length=10)
    period_start = models.DateField()
    sequence = models.PositiveSmallIntegerField(default=0)
    amount = money_field()
    lines = models.JSONField(encoder=DjangoJSONEncoder, default=list)
    transaction = models.ForeignKey("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="charges")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "period_start", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["client", "period_start", "sequence"],
                                    name="charging_periodcharge_once"),
            models.CheckConstraint(condition=Q(amount=0, transaction__isnull=True) | ~Q(amount=0),
                                   name="charging_periodcharge_zero_unposted"),
        ]

    @property
    def idempotency_key(self) -> str:
        return charge_key(self.client_id, self.period, self.sequence)


def charge_key(client_id: int, period: str, sequence: int = 0) -> str:
    return f"charge:{client_id}:{period}" + (f":{sequence}" if sequence else "")
