"""Payment plans: what a debtor can afford (an income and expenditure statement under the Standard
Financial Statement's headings) and the instalments agreed from it.

A plan in force holds the debt off the recovery ladder (a ``payment_plan`` hold). The daily job checks
each plan's instalments against the payments received: a missed instalment gives the officer a task,
and once the plan's grace period has passed unpaid the plan is broken and its hold released, so the
ladder resumes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.payments.choices import Method
from debt_recovery.plans.choices import Frequency, Heading, PlanStatus


class IncomeExpenditure(models.Model):
    """A debtor's monthly income and spending as they told it on ``taken_on``."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="income_expenditure")
    taken_on = models.DateField()
    note = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-taken_on", "-id"]


class IncomeExpenditureLine(models.Model):
    statement = models.ForeignKey(IncomeExpenditure, on_delete=models.CASCADE, related_name="lines")
    heading = models.CharField(max_length=40, choices=Heading.choices)
    monthly = models.DecimalField(max_digits=12, decimal_places=2)

    history = audited()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(heading__in=Heading.values), name="dr_ie_line_heading_valid"),
            models.CheckConstraint(condition=Q(monthly__gte=0), name="dr_ie_line_not_negative"),
            models.UniqueConstraint(fields=["statement", "heading"], name="dr_ie_line_one_per_heading"),
        ]


class PaymentPlan(models.Model):
    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="payment_plans")
    statement = models.ForeignKey(IncomeExpenditure, on_delete=models.PROTECT, related_name="plans")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="Each instalment.")
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    start_on = models.DateField(help_text="The first instalment's due date.")
    method = models.CharField(max_length=20, choices=Method.choices)
    total = models.DecimalField(max_digits=14, decimal_places=2, help_text="What the plan pays off.")
    grace_days = models.PositiveSmallIntegerField(
        help_text="Days after a missed instalment's due date before the plan is broken.")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.IN_FORCE)
    hold = models.OneToOneField("debt_recovery.Hold", on_delete=models.PROTECT, related_name="payment_plan")
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(default=timezone.now, editable=False)
    ended_on = models.DateField(null=True, blank=True)
    end_note = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dr_plan_amount_positive"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="dr_plan_frequency_valid"),
            models.CheckConstraint(condition=Q(method__in=Method.values), name="dr_plan_method_valid"),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="dr_plan_status_valid"),
            models.CheckConstraint(condition=Q(status=PlanStatus.IN_FORCE) | Q(ended_on__isnull=False),
                                   name="dr_plan_ended_dated"),
            models.UniqueConstraint(fields=["debtor"], condition=Q(status=PlanStatus.IN_FORCE),
                                    name="dr_plan_one_in_force"),
        ]

    def __str__(self):
        return f"£{self.amount} {self.get_frequency_display().lower()} from {self.start_on:%d %B %Y}"


class Instalment(models.Model):
    plan = models.ForeignKey(PaymentPlan, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveIntegerField()
    due_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    missed_task = models.OneToOneField("people.Task", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", help_text="The task given when it was found missed.")

    history = audited()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="dr_instalment_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dr_instalment_amount_positive"),
        ]
