"""Debtor accounts: who owes the council for care, how to reach them and how they pay.

A debtor account stores no money. What the debtor owes is the balance of its ledger receivable
(``ledger_account``): the person's own care-charge account for the person, their representative or
their estate (so a death changes who is chased, never the debt), or a debtor-owned receivable for a
top-up payer or a commercial customer. See :mod:`debt_recovery.accounts.selectors` for the balance
and its ageing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.choices import (
    AccountStatus,
    ContactBy,
    CustomerType,
    DebtorKind,
    LATE_PAYMENT_INTEREST_TYPES,
    LettersTo,
    PaymentMethod,
)
from people.models import Client, ClientContact


class DebtorAccount(models.Model):
    reference = models.CharField(max_length=20, unique=True, help_text="The council's debtor reference, D000123.")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="debtor_accounts",
                               help_text="The person whose care the debt is for.")
    kind = models.CharField(max_length=20, choices=DebtorKind.choices)
    name = models.CharField(max_length=200, help_text="The debtor's name, as letters address them.")
    contact = models.ForeignKey(
        ClientContact, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The representative, top-up payer or other contact who owes or answers for the debt.")
    customer_type = models.CharField(max_length=20, choices=CustomerType.choices, default=CustomerType.SERVICE_USER)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.NOT_KNOWN)
    letters_to = models.CharField(max_length=20, choices=LettersTo.choices, default=LettersTo.CLIENT_RULE)
    contact_by = models.CharField(max_length=10, choices=ContactBy.choices, default=ContactBy.LETTER)
    email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=40, blank=True, default="")
    ledger_account = models.OneToOneField(
        "ledger.Account", on_delete=models.PROTECT, related_name="debtor_account",
        help_text="The receivable whose balance is what this debtor owes.")
    status = models.CharField(max_length=10, choices=AccountStatus.choices, default=AccountStatus.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DebtorKind.values), name="debtor_account_kind_valid"),
            models.CheckConstraint(condition=Q(customer_type__in=CustomerType.values),
                                   name="debtor_account_customer_type_valid"),
            models.CheckConstraint(condition=Q(payment_method__in=PaymentMethod.values),
                                   name="debtor_account_payment_method_valid"),
            models.CheckConstraint(condition=Q(letters_to__in=LettersTo.values), name="debtor_account_letters_to_valid"),
            models.CheckConstraint(condition=Q(contact_by__in=ContactBy.values), name="debtor_account_contact_by_valid"),
            models.CheckConstraint(condition=Q(status__in=AccountStatus.values), name="debtor_account_status_valid"),
            models.CheckConstraint(condition=~Q(reference=""), name="debtor_account_reference_not_blank"),
            # A representative or a top-up payer is someone on the client's record.
            models.CheckConstraint(
                condition=~Q(kind__in=[DebtorKind.REPRESENTATIVE, DebtorKind.TOPUP_PAYER]) | Q(contact__isnull=False),
                name="debtor_account_contact_named"),
            # Letters to "the contact" need one.
            models.CheckConstraint(condition=~Q(letters_to=LettersTo.CONTACT) | Q(contact__isnull=False),
                                   name="debtor_account_letters_contact_named"),
            # The person, their representative or their estate are never commercial customers.
            models.CheckConstraint(
                condition=~Q(kind__in=[DebtorKind.PERSON, DebtorKind.REPRESENTATIVE, DebtorKind.ESTATE])
                | Q(customer_type=CustomerType.SERVICE_USER),
                name="debtor_account_people_are_service_users"),
        ]

    def __str__(self):
        return f"{self.name} ({self.reference})"

    @property
    def late_payment_interest_applies(self) -> bool:
        return self.customer_type in LATE_PAYMENT_INTEREST_TYPES
