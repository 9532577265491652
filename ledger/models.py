"""The shared double-entry ledger: accounts, transactions and their postings.

Design
------

- **Double entry.** A :class:`Transaction` is one business event (a receipt, a payment, a charge...)
  made of two or more :class:`Posting` rows, each moving an amount into or out of one
  :class:`Account`.
- **Sign convention.** A posting's ``amount`` is signed: a **debit is positive and a credit is
  negative**, so the postings of every transaction sum to exactly zero. An account's balance is the
  sum of its postings; we *show* it with the natural sign for its kind, so an asset or expense
  account with more debits than credits shows a positive balance, and a liability or income account
  with more credits than debits also shows a positive balance (see :meth:`Account.natural_balance`).
  Example: £50 of a client's pension arrives in the pooled bank account -> pooled bank (asset)
  +50.00, that client's funds (liability) -50.00; both accounts then show a balance of £50.00.
- **Money** is ``Decimal`` with two places in ``numeric(14,2)`` columns, GBP only; rounding lives in
  :mod:`ledger.money`.
- **PostgreSQL enforces the invariants** (``migrations/sql/0002_invariants.up.sql``), so no code path,
  shell session or script can break them:

  * a deferred constraint trigger rejects, at commit, any transaction whose postings do not sum to
    zero or that has fewer than two postings;
  * triggers reject every UPDATE and DELETE of transactions and postings: the journal is append-only
    and mistakes are corrected by a reversing transaction (:func:`ledger.services.transaction_reverse`).
    ``TRUNCATE`` is not blocked (row-level triggers do not see it); only the test suite's flushing
    uses it;
  * a posting's ``effective_date`` (copied from its transaction so that balances as at a date come from
    one index) must equal its transaction's;
  * CHECK constraints: amounts are never zero, currency is GBP, choices are valid, a client's account
    names the client and only a client's account does;
  * foreign keys PROTECT.

- **One way in**: :func:`ledger.services.transaction_post` and :func:`ledger.services.transaction_reverse`.
  Reads go through :mod:`ledger.selectors`.
- **History.** Accounts keep a django-simple-history table like every other model. Transactions and
  postings need none: they can never change, and each carries who posted it and when.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from ledger.choices import DEBIT_NORMAL, AccountKind, OwnerKind, Purpose, TransactionKind
from ledger.money import CURRENCY


class Account(models.Model):
    """A ledger account: the pooled client bank account, one client's funds, a debtor's care charges,
    charging income, suspense...

    Owned by a client (``client`` set), a debtor or a deferred payment agreement (``owner_reference``
    names it until those records exist) or the council itself. ``purpose`` says what it is for; a
    client has at most one account for each purpose.
    """

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AccountKind.choices)
    owner_kind = models.CharField(max_length=20, choices=OwnerKind.choices)
    client = models.ForeignKey(
        "people.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_accounts"
    )
    owner_reference = models.CharField(
        max_length=100, blank=True, default="",
        help_text="The debtor's or agreement's reference, for accounts not owned by a client or the council.",
    )
    purpose = models.CharField(max_length=40, choices=Purpose.choices)
    currency = models.CharField(max_length=3, default=CURRENCY, editable=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AccountKind.values), name="ledger_account_kind_valid"),
            models.CheckConstraint(
                condition=Q(owner_kind__in=OwnerKind.values), name="ledger_account_owner_kind_valid"
            ),
            models.CheckConstraint(condition=Q(purpose__in=Purpose.values), name="ledger_account_purpose_valid"),
            models.CheckConstraint(condition=Q(currency="GBP"), name="ledger_account_currency_gbp"),
            # A client's account names the client, and only a client's account does.
            models.CheckConstraint(
                condition=(
                    Q(owner_kind=OwnerKind.CLIENT, client__isnull=False, owner_reference="")
                    | Q(owner_kind__in=[OwnerKind.DEBTOR, OwnerKind.AGREEMENT], client__isnull=True)
                    & ~Q(owner_reference="")
                    | Q(owner_kind=OwnerKind.COUNCIL, client__isnull=True, owner_reference="")
                ),
                name="ledger_account_owner_consistent",
            ),
            models.UniqueConstraint(
                fields=["client", "purpose"], condition=Q(client__isnull=False),
                name="ledger_account_one_per_client_purpose",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_debit_normal(self) -> bool:
        return self.kind in DEBIT_NORMAL

    def natural_balance(self, signed_sum: Decimal) -> Decimal:
        """The sum of postings (debits positive) shown with this account kind's natural sign."""
        return signed_sum if self.is_debit_normal else -signed_sum


class Transaction(models.Model):
    """One business event, made of two or more postings that sum to zero. Never edited or deleted."""

    effective_date = models.DateField(help_text="The date the money moved, for balances and statements.")
    posted_at = models.DateTimeField(default=timezone.now, editable=False)
    kind = models.CharField(max_length=30, choices=TransactionKind.choices)
    memo = models.CharField(max_length=500, blank=True, default="")
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ledger_transactions"
    )
    idempotency_key = models.CharField(max_length=200, unique=True)
    reverses = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversals",
        help_text="The transaction this one reverses in full.",
    )

    class Meta:
        ordering = ["effective_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TransactionKind.values), name="ledger_transaction_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(idempotency_key=""), name="ledger_transaction_key_not_blank"),
            # A transaction is reversed at most once.
            models.UniqueConstraint(fields=["reverses"], name="ledger_transaction_reversed_once"),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | Q(kind=TransactionKind.REVERSAL),
                name="ledger_transaction_reversal_kind",
            ),
        ]

    def __str__(self):
        return f"Transaction {self.pk} ({self.get_kind_display()}, {self.effective_date})"


class Posting(models.Model):
    """An amount moved into or out of one account: debits positive, credits negative."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    # Copied from the transaction (a trigger checks they are equal) so that a balance as at a date is
    # one index-only scan over (account, effective_date).
    effective_date = models.DateField()

    class Meta:
        ordering = ["effective_date", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_posting_amount_not_zero"),
        ]
        indexes = [
            models.Index(
                fields=["account", "effective_date", "id"], include=["amount"],
                name="ledger_posting_balance_idx",
            ),
        ]

    def __str__(self):
        return f"{self.amount} to {self.account_id} in transaction {self.transaction_id}"
