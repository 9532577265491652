"""A deferred payment agreement: the person, the home that secures it, its terms under the council's
interest convention, and the weekly amounts deferred.

The terms are copied onto the agreement when it is offered, so a later change to the council's
convention never changes an agreement already made. Nothing is deferred before ``deferral_allowed_from``,
which is set when the legal charge is confirmed or an interim arrangement is approved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deferred_payments.agreements.choices import AgreementStatus, Compounding, DayBasis, EndReason, Party, RateKind

__all__ = ["Agreement", "AgreementPolicy", "Signature", "WeeklyDeferral"]


def _money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class AgreementPolicy(models.Model):
    """The council's deferred payment policy from a date: its interest convention, its equity limit formula,
    the limits it applies and its fees. Copied onto an agreement when the agreement is offered, so a later
    policy never changes an agreement already made. One policy per start date; the one in force on a day
    is the latest that started by then."""

    effective_from = models.DateField(unique=True)
    rate_kind = models.CharField(max_length=20, choices=RateKind.choices, default=RateKind.NATIONAL_MAXIMUM)
    fixed_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True,
                                     help_text="The annual rate in per cent, when the council charges a fixed lower rate.")
    compounding = models.CharField(max_length=12, choices=Compounding.choices, default=Compounding.DAILY)
    day_basis = models.CharField(max_length=6, choices=DayBasis.choices, default=DayBasis.DAYS_365)
    interest_counts_to_limit = models.BooleanField(default=True)
    fees_count_to_limit = models.BooleanField(default=True)
    # The equity limit: value less a percentage, less the lower capital limit, of the person's share.
    percent_deducted = models.DecimalField(max_digits=5, decimal_places=2, default=10,
                                           help_text="The percentage of the value the council does not lend against.")
    lower_capital_limit = _money(default=14250,
                                 help_text="Care and Support (Charging and Assessment of Resources) Regulations 2014 reg 12.")
    upper_capital_limit = _money(default=23250, help_text="Capital other than the home above this: not eligible "
                                 "(Deferred Payment Regulations 2014 reg 2; Charging Regulations reg 12).")
    max_disposable_income_allowance = _money(default=144, help_text="A week (Statutory Guidance 9.48-9.50).")
    # Fees (reg 10: the council's actual or average costs). The council's own figures.
    setup_fee = _money(default=0, help_text="Setting up the agreement (legal and administration).")
    valuation_fee = _money(default=0)
    annual_fee = _money(default=0, help_text="Administration each year.")
    discharge_fee = _money(default=0, help_text="Ending the agreement and removing the legal charge.")
    legal_contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", help_text="Who in legal services registers and removes "
                                      "legal charges (a task goes to them); the team leader when empty.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "agreement policies"
        constraints = [
            models.CheckConstraint(condition=Q(rate_kind__in=RateKind.values), name="dpa_policy_rate_kind_valid"),
            models.CheckConstraint(condition=Q(compounding__in=Compounding.values), name="dpa_policy_compounding_valid"),
            models.CheckConstraint(condition=Q(day_basis__in=DayBasis.values), name="dpa_policy_day_basis_valid"),
            models.CheckConstraint(
                condition=Q(rate_kind=RateKind.NATIONAL_MAXIMUM, fixed_rate__isnull=True)
                | Q(rate_kind=RateKind.FIXED, fixed_rate__gte=0, fixed_rate__lt=100),
                name="dpa_policy_fixed_rate_with_fixed_kind"),
            models.CheckConstraint(condition=Q(percent_deducted__gte=0, percent_deducted__lte=100),
                                   name="dpa_policy_percent_in_range"),
            models.CheckConstraint(
                condition=Q(lower_capital_limit__gte=0, upper_capital_limit__gte=F("lower_capital_limit"),
                            max_disposable_income_allowance__gte=0, setup_fee__gte=0, valuation_fee__gte=0,
                            annual_fee__gte=0, discharge_fee__gte=0),
                name="dpa_policy_amounts_not_negative"),
        ]

    def __str__(self):
        return f"Deferred payment policy from {self.effective_from:%d %B %Y}"



class Agreement(models.Model):
    reference = models.CharField(max_length=20, unique=True, help_text="The council's reference, e.g. DPA-0012.")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="deferred_payment_agreements")
    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="deferred_payment_agreements")
    status = models.CharField(max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.ENQUIRY)
    # Terms (the council's convention when the agreement was offered).
    rate_kind = models.CharField(max_length=20, choices=RateKind.choices, default=RateKind.NATIONAL_MAXIMUM)
    fixed_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True,
                                     help_text="The annual rate in per cent, when the council charges a fixed lower rate.")
    compounding = models.CharField(max_length=12, choices=Compounding.choices, default=Compounding.DAILY)
    day_basis = models.CharField(max_length=6, choices=DayBasis.choices, default=DayBasis.DAYS_365)
    interest_counts_to_limit = models.BooleanField(default=True)
    fees_count_to_limit = models.BooleanField(default=True)
    equity_limit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True, help_text="When the agreement starts; interest runs from here.")
    deferral_allowed_from = models.DateField(
        null=True, blank=True, help_text="The legal charge was confirmed (or an interim arrangement approved) on this date.")
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True, default="")
    debt_account = models.OneToOneField("ledger.Account", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="deferred_payment_agreement")
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    # Set when the agreement is offered: the policy its terms were copied from, its fees and its document.
    policy = models.ForeignKey(AgreementPolicy, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    fees = models.JSONField(default=dict, blank=True, help_text="The fees schedule copied from the policy (pounds as text).")
    offered_on = models.DateField(null=True, blank=True)
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", help_text="The agreement as generated when it was offered.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AgreementStatus.values), name="dpa_status_valid"),
            models.CheckConstraint(condition=Q(rate_kind__in=RateKind.values), name="dpa_rate_kind_valid"),
            models.CheckConstraint(condition=Q(compounding__in=Compounding.values), name="dpa_compounding_valid"),
            models.CheckConstraint(condition=Q(day_basis__in=DayBasis.values), name="dpa_day_basis_valid"),
            models.CheckConstraint(condition=Q(end_reason="") | Q(end_reason__in=EndReason.values),
                                   name="dpa_end_reason_valid"),
            models.CheckConstraint(
                condition=Q(rate_kind=RateKind.NATIONAL_MAXIMUM, fixed_rate__isnull=True)
                | Q(rate_kind=RateKind.FIXED, fixed_rate__gte=0, fixed_rate__lt=100),
                name="dpa_fixed_rate_with_fixed_kind"),
            models.CheckConstraint(condition=Q(equity_limit__isnull=True) | Q(equity_limit__gte=0),
                                   name="dpa_equity_limit_not_negative"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(starts_on__isnull=False, ended_on__gte=F("starts_on")),
                                   name="dpa_ends_after_start"),
            models.CheckConstraint(condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("prepared_by")),
                                   name="dpa_approved_by_another"),
        ]

    def __str__(self):
        return self.reference


class WeeklyDeferral(models.Model):
    """The weekly amount deferred from a date (from the approved financial assessment), until the next."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="weekly_deferrals")
    effective_from = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    source = models.CharField(max_length=200, help_text="Where the amount comes from (the assessment and its date).")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["agreement", "effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="dpa_weekly_deferral_not_negative"),
            models.UniqueConstraint(fields=["agreement", "effective_from"], name="dpa_weekly_deferral_one_per_date"),
        ]


class Signature(models.Model):
    """One party's signature on the agreement: who signed, in what capacity, on what day."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signatures")
    party = models.CharField(max_length=16, choices=Party.choices)
    name = models.CharField(max_length=120)
    capacity = models.CharField(max_length=120, help_text="e.g. 'Attorney under a lasting power of attorney', "
                                "'Deferred payments team leader for the council', 'Home manager'.")
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["agreement", "signed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(party__in=Party.values), name="dpa_signature_party_valid"),
            models.CheckConstraint(condition=~Q(name="") & ~Q(capacity=""), name="dpa_signature_names_who"),
            models.UniqueConstraint(fields=["agreement", "party"], name="dpa_signature_one_per_party"),
        ]
