"""Prepaid cards: a card per client with the agreed weekly spend, the weekly top-ups to that level, the
third-party money management agreement a care provider must have signed before it holds a card, and the
spending read from the card's statements.

The database keeps the rules a careless write could break: a card held by a care provider always points
at an agreement (``prepaid_card_provider_has_agreement``), one top-up per card per week, one import per
statement file (its fingerprint)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.cards.choices import CardHolder, TopUpStatus

__all__ = ["CardSpend", "CardStatementImport", "CardTopUp", "MoneyManagementAgreement", "PrepaidCard"]


class MoneyManagementAgreement(models.Model):
    """A third party's written agreement to manage some of the client's money (a care provider holding the
    client's prepaid card): who, when it was signed, when it is next reviewed."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="money_management_agreements")
    third_party = models.CharField(max_length=200, help_text="Who manages the money (the care provider's name).")
    signed_on = models.DateField()
    review_on = models.DateField(help_text="When the agreement is next reviewed.")
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(review_on__gt=F("signed_on")), name="mma_review_after_signed"),
            models.CheckConstraint(condition=~Q(third_party=""), name="mma_third_party_named"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("signed_on")),
                                   name="mma_ends_after_signed"),
        ]

    def __str__(self):
        return f"{self.third_party} (signed {self.signed_on:%d/%m/%Y})"


class PrepaidCard(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="prepaid_cards")
    provider = models.CharField(max_length=100, help_text="The card scheme or issuer.")
    last_four = models.CharField(max_length=4, help_text="The last four digits of the card number.")
    holder = models.CharField(max_length=20, choices=CardHolder.choices)
    holder_name = models.CharField(max_length=200, blank=True, default="",
                                   help_text="The carer's or care provider's name, when they hold it.")
    agreement = models.ForeignKey(MoneyManagementAgreement, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="cards")
    weekly_spend = models.DecimalField(max_digits=10, decimal_places=2, help_text="The agreed spend each week.")
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  help_text="The officer who agreed the weekly spend (top-ups are made for them).")
    balance = models.DecimalField(max_digits=10, decimal_places=2, default=0,
                                  help_text="The card's balance as last recorded (a statement, or the last top-up).")
    balance_on = models.DateField(null=True, blank=True)
    issued_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["client_id", "-issued_on"]
        constraints = [
            models.CheckConstraint(condition=Q(holder__in=CardHolder.values), name="prepaid_card_holder_valid"),
            models.CheckConstraint(condition=Q(last_four__regex=r"^[0-9]{4}$"), name="prepaid_card_last_four_digits"),
            models.CheckConstraint(condition=Q(weekly_spend__gt=0), name="prepaid_card_weekly_spend_positive"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="prepaid_card_balance_not_negative"),
            # A care provider holds a card only under a recorded third-party agreement.
            models.CheckConstraint(condition=~Q(holder=CardHolder.CARE_PROVIDER) | Q(agreement__isnull=False),
                                   name="prepaid_card_provider_has_agreement"),
            models.CheckConstraint(condition=Q(holder=CardHolder.CLIENT) | ~Q(holder_name=""),
                                   name="prepaid_card_holder_named"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("issued_on")),
                                   name="prepaid_card_ends_after_issue"),
            models.UniqueConstraint(fields=["client"], condition=Q(ended_on__isnull=True),
                                    name="prepaid_card_one_in_use_per_client"),
        ]

    def __str__(self):
        return f"{self.provider} card ending {self.last_four}"

    @property
    def in_use(self) -> bool:
        return self.ended_on is None


class CardTopUp(models.Model):
    """One week's top-up of a card: the agreed level less the balance as last recorded. One per card per
    week (its Monday), whatever happens to the payment."""

    card = models.ForeignKey(PrepaidCard, on_delete=models.PROTECT, related_name="topups")
    week_of = models.DateField(help_text="The Monday of the week topped up.")
    balance_before = models.DecimalField(max_digits=10, decimal_places=2)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(max_length=20, choices=TopUpStatus.choices)
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="card_topup")
    note = models.TextField(blank=True, default="")
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    made_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-week_of", "id"]
        constraints = [
            models.UniqueConstraint(fields=["card", "week_of"], name="card_topup_once_a_week"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="card_topup_amount_not_negative"),
            models.CheckConstraint(condition=Q(status__in=TopUpStatus.values), name="card_topup_status_valid"),
            models.CheckConstraint(
                condition=Q(status__in=[TopUpStatus.PAID, TopUpStatus.HELD], payment__isnull=False, amount__gt=0)
                | Q(status__in=[TopUpStatus.NOT_NEEDED, TopUpStatus.REFUSED], payment__isnull=True),
                name="card_topup_payment_matches_status"),
            models.CheckConstraint(condition=~Q(status=TopUpStatus.NOT_NEEDED) | Q(amount=0),
                                   name="card_topup_not_needed_is_zero"),
        ]

    def __str__(self):
        return f"Top-up of {self.card} for the week of {self.week_of:%d/%m/%Y}"


class CardStatementImport(models.Model):
    card = models.ForeignKey(PrepaidCard, on_delete=models.PROTECT, related_name="statement_imports")
    filename = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the file's bytes.")
    lines = models.PositiveIntegerField()
    spent = models.DecimalField(max_digits=12, decimal_places=2)
    loaded = models.DecimalField(max_digits=12, decimal_places=2)
    closing_balance = models.DecimalField(max_digits=10, decimal_places=2)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.CheckConstraint(condition=Q(spent__gte=0, loaded__gte=0), name="card_import_totals_not_negative"),
        ]


class CardSpend(models.Model):
    """A line of a card statement: money spent from the card (or loaded onto it), recorded against the client."""

    statement = models.ForeignKey(CardStatementImport, on_delete=models.PROTECT, related_name="spends")
    card = models.ForeignKey(PrepaidCard, on_delete=models.PROTECT, related_name="spends")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="card_spends")
    line_number = models.PositiveIntegerField()
    spent_on = models.DateField()
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=10, decimal_places=2,
                                 help_text="Negative for spending, positive for money loaded.")
    balance_after = models.DecimalField(max_digits=10, decimal_places=2)

    history = audited()

    class Meta:
        ordering = ["spent_on", "line_number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "line_number"], name="card_spend_line_once"),
            models.CheckConstraint(condition=~Q(amount=0), name="card_spend_amount_not_zero"),
        ]
