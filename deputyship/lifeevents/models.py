"""Life events as checklists of people's tasks, and the registers the client's casework keeps: investments
with their review dates, tax returns due, the funeral plan decision, the client's debts and their
arrangements, benefit checks with their outcomes, and the cherished documents the council holds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.lifeevents.choices import (
    BenefitOutcome, DocumentKind, FuneralPlanOutcome, InvestmentKind, LifeEventKind,
)

__all__ = ["BenefitCheck", "CherishedDocument", "ClientDebt", "FuneralPlanDecision", "Investment", "LifeEvent",
           "LifeEventTask", "TaxReturn"]


class LifeEvent(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="life_events")
    kind = models.CharField(max_length=30, choices=LifeEventKind.choices)
    happened_on = models.DateField()
    note = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LifeEventKind.values), name="life_event_kind_valid"),
            models.UniqueConstraint(fields=["client", "kind", "happened_on"], name="life_event_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.happened_on:%d/%m/%Y}"


class LifeEventTask(models.Model):
    event = models.ForeignKey(LifeEvent, on_delete=models.PROTECT, related_name="checklist")
    item = models.CharField(max_length=40)
    task = models.OneToOneField("people.Task", on_delete=models.PROTECT, related_name="life_event_item")

    history = audited()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "item"], name="life_event_item_once")]


class Investment(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="investments")
    kind = models.CharField(max_length=20, choices=InvestmentKind.choices)
    provider = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    valued_on = models.DateField()
    review_on = models.DateField()
    review_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    help_text="The task for the current review date (cleared when it moves).")
    ended_on = models.DateField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["review_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=InvestmentKind.values), name="investment_kind_valid"),
            models.CheckConstraint(condition=Q(value__gte=0), name="investment_value_not_negative"),
            models.CheckConstraint(condition=Q(review_on__gte=F("valued_on")), name="investment_review_after_value"),
        ]


class TaxReturn(models.Model):
    """A self assessment return the client must make, for the tax year ending 5 April ``year_ending``."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="tax_returns")
    year_ending = models.PositiveIntegerField(help_text="The calendar year in which the tax year ends (5 April).")
    due_on = models.DateField()
    reason = models.CharField(max_length=200, help_text="Why a return is needed (rental, investment, pension income).")
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    filed_on = models.DateField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["client", "year_ending"], name="tax_return_once_a_year"),
            models.CheckConstraint(condition=Q(year_ending__gte=2000, year_ending__lte=2100),
                                   name="tax_return_year_sensible"),
        ]


class FuneralPlanDecision(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="funeral_plan_decisions")
    decided_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=FuneralPlanOutcome.choices)
    note = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=FuneralPlanOutcome.values),
                                   name="funeral_plan_outcome_valid"),
            models.CheckConstraint(condition=~Q(outcome=FuneralPlanOutcome.NOT_SUITABLE) | ~Q(note=""),
                                   name="funeral_plan_not_suitable_has_reason"),
        ]


class ClientDebt(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="client_debts")
    creditor = models.CharField(max_length=200)
    balance = models.DecimalField(max_digits=12, decimal_places=2)
    priority = models.BooleanField(help_text="A priority debt (council tax, rent, fuel, fines...) is paid first.")
    arrangement = models.CharField(max_length=300, blank=True, default="",
                                   help_text="The repayment arrangement agreed, if any.")
    monthly_payment = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    iva = models.BooleanField(default=False, help_text="Part of an Individual Voluntary Arrangement.")
    recorded_on = models.DateField()
    cleared_on = models.DateField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["-priority", "creditor"]
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0), name="client_debt_balance_not_negative"),
            models.CheckConstraint(condition=Q(monthly_payment__isnull=True) | Q(monthly_payment__gt=0),
                                   name="client_debt_payment_positive"),
            models.CheckConstraint(condition=Q(monthly_payment__isnull=True) | ~Q(arrangement=""),
                                   name="client_debt_payment_has_arrangement"),
        ]


class BenefitCheck(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="benefit_checks")
    checked_on = models.DateField()
    benefit = models.CharField(max_length=100)
    outcome = models.CharField(max_length=20, choices=BenefitOutcome.choices)
    weekly_gain = models.DecimalField(max_digits=8, decimal_places=2, default=0,
                                      help_text="The change in weekly income (negative when reduced).")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["-checked_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=BenefitOutcome.values), name="benefit_check_outcome_valid"),
            models.CheckConstraint(condition=~Q(outcome=BenefitOutcome.AWARDED) | Q(weekly_gain__gt=0),
                                   name="benefit_check_award_gains"),
            models.CheckConstraint(condition=~Q(outcome__in=[BenefitOutcome.NO_CHANGE, BenefitOutcome.CLAIM_MADE,
                                                             BenefitOutcome.REFUSED]) | Q(weekly_gain=0),
                                   name="benefit_check_no_gain_unless_changed"),
        ]


class CherishedDocument(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="cherished_documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    description = models.CharField(max_length=200)
    location = models.CharField(max_length=200, help_text="Where it is kept (the safe, a solicitor, a bank).")
    received_on = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    returned_to = models.CharField(max_length=200, blank=True, default="",
                                   help_text="The issuing body (or person) it was returned to.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["kind", "received_on"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="cherished_document_kind_valid"),
            models.CheckConstraint(condition=~Q(location="") & ~Q(description=""),
                                   name="cherished_document_described"),
            models.CheckConstraint(condition=Q(returned_on__isnull=True, returned_to="")
                                   | Q(returned_on__isnull=False, returned_on__gte=F("received_on"))
                                   & ~Q(returned_to=""),
                                   name="cherished_document_return_recorded"),
        ]
