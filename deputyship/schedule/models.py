"""Income and bills on schedule: what the council expects to receive for a client (benefits, pensions,
rent, annuities), checked against the bank statement lines as they are imported, and the client's regular
bills, each period made into a payment request for the next payment run.

A payment request that is unusual (over the configured amount, to a payee the client has never been paid
to, or that looks like one already made) waits for a second person: someone other than the one who asked
for it. The database refuses an approval by the requester, and a request that needed a second person
going forward without one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.schedule.choices import BillKind, Frequency, IncomeCheckOutcome, IncomeKind, RequestStatus
from ledger.choices import MoneyInCategory, MoneyOutCategory

__all__ = ["ExpectedIncome", "IncomeCheck", "PaymentRequest", "ScheduledPayment"]

_SORT_CODE = r"^[0-9]{6}$"
_ACCOUNT_NUMBER = r"^[0-9]{8}$"


class ExpectedIncome(models.Model):
    """Money the council expects to receive for the client regularly (a benefit, a pension, rent, an
    annuity), from whom, how much and how often, and from which date."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="expected_incomes")
    kind = models.CharField(max_length=30, choices=IncomeKind.choices)
    payer = models.CharField(max_length=200, help_text="Who pays it, as it appears on the bank statement if known.")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    first_due_on = models.DateField(help_text="The next date it is due when recorded; later dates follow from it.")
    ends_on = models.DateField(null=True, blank=True, help_text="No more is expected after this date.")
    category = models.CharField(max_length=40, choices=MoneyInCategory.choices,
                                help_text="The OPG money-in category it is reported under.")
    tolerance_days = models.PositiveSmallIntegerField(
        default=5, help_text="Days after the due date before it counts as missed (and before it, for early money).")
    note = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["client_id", "first_due_on", "id"]
        verbose_name_plural = "expected income"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=IncomeKind.values), name="expected_income_kind_valid"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="expected_income_frequency_valid"),
            models.CheckConstraint(condition=Q(category__in=MoneyInCategory.values),
                                   name="expected_income_category_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="expected_income_amount_positive"),
            models.CheckConstraint(condition=Q(tolerance_days__lte=31), name="expected_income_tolerance_at_most_31"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("first_due_on")),
                                   name="expected_income_ends_after_first"),
        ]

    def __str__(self):
        return (f"{self.get_kind_display()} from {self.payer}, £{self.amount:,.2f} "
                f"{self.get_frequency_display().lower()}")


class IncomeCheck(models.Model):
    """The outcome for one due date of an expected income: the statement line it arrived on (received, or
    received with a different amount), or missed; with the task given when it was missed or different.
    One per (expected income, due date); a statement line is counted for one due date only."""

    expected = models.ForeignKey(ExpectedIncome, on_delete=models.PROTECT, related_name="checks")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="income_checks")
    due_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=IncomeCheckOutcome.choices)
    statement_line = models.OneToOneField("ledger.StatementLine", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="income_check")
    amount_received = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checked_on = models.DateField()

    history = audited()

    class Meta:
        ordering = ["-due_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["expected", "due_on"], name="income_check_once_per_due_date"),
            models.CheckConstraint(condition=Q(outcome__in=IncomeCheckOutcome.values),
                                   name="income_check_outcome_valid"),
            models.CheckConstraint(
                condition=(Q(outcome=IncomeCheckOutcome.MISSED, statement_line__isnull=True,
                             amount_received__isnull=True)
                           | (~Q(outcome=IncomeCheckOutcome.MISSED) & Q(statement_line__isnull=False,
                                                                      amount_received__isnull=False))),
                name="income_check_line_when_received"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: due {self.due_on:%d/%m/%Y}"


class ScheduledPayment(models.Model):
    """A regular bill paid from the client's money (care charges, utilities, insurance, rent, personal
    allowance): to whom, their bank details, how much and how often. Each date it falls due becomes one
    :class:`PaymentRequest`, made a few days ahead by the daily job."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="scheduled_payments")
    kind = models.CharField(max_length=30, choices=BillKind.choices)
    payee = models.CharField(max_length=200)
    payee_sort_code = models.CharField(max_length=6)
    payee_account_number = models.CharField(max_length=8)
    reference = models.CharField(max_length=18, blank=True, default="",
                                 help_text="The payee's reference for the client (Bacs carries 18 characters).")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    first_due_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=40, choices=MoneyOutCategory.choices,
                                help_text="The OPG money-out category it is reported under.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["client_id", "first_due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=BillKind.values), name="scheduled_payment_kind_valid"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values),
                                   name="scheduled_payment_frequency_valid"),
            models.CheckConstraint(condition=Q(category__in=MoneyOutCategory.values),
                                   name="scheduled_payment_category_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="scheduled_payment_amount_positive"),
            models.CheckConstraint(condition=Q(payee_sort_code__regex=_SORT_CODE),
                                   name="scheduled_payment_sort_code_digits"),
            models.CheckConstraint(condition=Q(payee_account_number__regex=_ACCOUNT_NUMBER),
                                   name="scheduled_payment_account_digits"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("first_due_on")),
                                   name="scheduled_payment_ends_after_first"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.payee}, £{self.amount:,.2f} {self.get_frequency_display().lower()}"


class PaymentRequest(models.Model):
    """One payment to be made from the client's money by the next payment run: a scheduled bill's date,
    or a one-off. Unusual ones (``second_person_reasons``) wait for someone other than the requester."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="payment_requests")
    scheduled = models.ForeignKey(ScheduledPayment, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="requests")
    due_on = models.DateField()
    payee = models.CharField(max_length=200)
    payee_sort_code = models.CharField(max_length=6)
    payee_account_number = models.CharField(max_length=8)
    reference = models.CharField(max_length=18, blank=True, default="")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    category = models.CharField(max_length=40, choices=MoneyOutCategory.choices)
    status = models.CharField(max_length=20, choices=RequestStatus.choices)
    needs_second_person = models.BooleanField(default=False)
    second_person_reasons = models.TextField(blank=True, default="",
                                             help_text="Why a second person must approve it, one reason a line.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    cancel_reason = models.CharField(max_length=500, blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="payment_request_status_valid"),
            models.CheckConstraint(condition=Q(category__in=MoneyOutCategory.values),
                                   name="payment_request_category_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_request_amount_positive"),
            models.CheckConstraint(condition=Q(payee_sort_code__regex=_SORT_CODE),
                                   name="payment_request_sort_code_digits"),
            models.CheckConstraint(condition=Q(payee_account_number__regex=_ACCOUNT_NUMBER),
                                   name="payment_request_account_digits"),
            # A scheduled bill is asked for once per date.
            models.UniqueConstraint(fields=["scheduled", "due_on"], condition=Q(scheduled__isnull=False),
                                    name="payment_request_once_per_scheduled_date"),
            # The second person is never the requester...
            models.CheckConstraint(condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("requested_by")),
                                   name="payment_request_approver_not_requester"),
            # ...and an unusual request goes nowhere without one.
            models.CheckConstraint(
                condition=(Q(needs_second_person=False)
                           | Q(status__in=[RequestStatus.AWAITING_APPROVAL, RequestStatus.CANCELLED])
                           | Q(approved_by__isnull=False)),
                name="payment_request_unusual_needs_second_person"),
        ]

    def __str__(self):
        return f"£{self.amount:,.2f} to {self.payee} due {self.due_on:%d/%m/%Y}"

    @property
    def sort_code_display(self) -> str:
        return f"{self.payee_sort_code[:2]}-{self.payee_sort_code[2:4]}-{self.payee_sort_code[4:]}"
