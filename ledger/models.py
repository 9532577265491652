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
    ``TRUNCATE`` is not blocked (row-level triggers do not see it); only the owner role may truncate
    (the test suite's flushing), and the application's role has no UPDATE, DELETE or TRUNCATE on
    these tables at all (core/database.py);
  * a posting's ``effective_date`` (copied from its transaction so that balances as at a date come from
    one index) must equal its transaction's;
  * a posting joins only the transaction written with it, in the same database transaction or savepoint
    (23L08): nothing can be added to a transaction already posted;
  * once an account has a posting, its owner, client, kind and purpose cannot change (23L09);
  * CHECK constraints: amounts are never zero, currency is GBP, choices are valid, a client's account
    names the client and only a client's account does;
  * foreign keys PROTECT.

- **Client money** (:mod:`ledger.client_money`, ``migrations/sql/0004_client_money.up.sql``): one
  pooled client bank account (asset, council-owned) and one funds account per client (liability).
  Deferred constraint triggers refuse any transaction that leaves a client's funds (any liability a
  client owns) overdrawn (23L05) or touches the accounts of more than one client (23L06). A receipt
  or payment carries the OPG's money-in or money-out ``category``; every client payment has a :class:`Payment` row (payee,
  reference, held / released / cancelled) for duplicate detection and maker-checker release.
- **Closed months** (:mod:`ledger.closing`, ``migrations/sql/0010_closed_months.up.sql``): signing off a
  month's reconciliation closes it (:class:`ClosedMonth`), and a trigger refuses any posting to the pooled
  bank, a client's funds or suspense dated on or before the latest closed month's end (23L07). Money that
  belongs to a closed month is posted late, in the first open month, naming the date it belongs to
  (``Transaction.relates_to_date``).
- **One way in**: :func:`ledger.services.transaction_post` and :func:`ledger.services.transaction_reverse`
  (and :func:`ledger.services.transactions_post`, the same for many transactions at once).
  Reads go through :mod:`ledger.selectors`.
- **History.** Accounts keep a django-simple-history table like every other model. Transactions and
  postings need none: they can never change, and each carries who posted it and when.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from ledger.choices import (
    ALL_CATEGORIES,
    DEBIT_NORMAL,
    AccountKind,
    MoneyInCategory,
    MoneyOutCategory,
    OwnerKind,
    PaymentStatus,
    Purpose,
    TransactionKind,
)
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
    #: The bank's details of the account (the pooled client bank account): a statement that names another
    #: account is refused (``ledger.statements.account_checks``).
    bank_sort_code = models.CharField(max_length=6, blank=True, default="",
                                      help_text="The bank account's sort code, six digits (pooled bank account).")
    bank_account_number = models.CharField(max_length=8, blank=True, default="",
                                           help_text="The bank account's number, eight digits (pooled bank account).")
    bank_iban = models.CharField(max_length=34, blank=True, default="",
                                 help_text="The bank account's IBAN, without spaces (pooled bank account).")

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
            # The council has one pooled client bank account, owned by the council, an asset.
            models.UniqueConstraint(
                fields=["purpose"], condition=Q(purpose=Purpose.POOLED_BANK), name="ledger_account_one_pooled_bank",
            ),
            models.CheckConstraint(
                condition=~Q(purpose=Purpose.POOLED_BANK) | Q(kind=AccountKind.ASSET, owner_kind=OwnerKind.COUNCIL),
                name="ledger_account_purpose_pooled_bank_council_asset",
            ),
            # A client's funds are what the council owes the client: a liability owned by the client.
            models.CheckConstraint(
                condition=~Q(purpose=Purpose.CLIENT_FUNDS) | Q(kind=AccountKind.LIABILITY, owner_kind=OwnerKind.CLIENT),
                name="ledger_account_purpose_client_funds_liability",
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
    category = models.CharField(
        max_length=40, null=True, blank=True, choices=[*MoneyInCategory.choices, *MoneyOutCategory.choices],
        help_text="The Office of the Public Guardian's money-in or money-out category, for a client's "
                  "receipts and payments (a reversal keeps its original's).",
    )
    relates_to_date = models.DateField(
        null=True, blank=True,
        help_text="Posted late: the date the money belongs to, in a month already closed for client money "
                  "(see ledger.closing). The transaction itself is dated in the first open month.",
    )

    class Meta:
        ordering = ["effective_date", "id"]
        indexes = [
            # The late items of a month, for its reconciliation: few rows, so a small partial index.
            models.Index(fields=["effective_date"], condition=Q(relates_to_date__isnull=False),
                         name="ledger_transaction_late_idx"),
        ]
        constraints = [
            # A late item is posted after the date it belongs to, never before.
            models.CheckConstraint(
                condition=Q(relates_to_date__isnull=True) | Q(relates_to_date__lt=F("effective_date")),
                name="ledger_transaction_relates_to_earlier",
            ),
            # A receipt takes a money-in category, a payment a money-out one; a reversal keeps its original's.
            models.CheckConstraint(
                condition=(
                    Q(category__isnull=True)
                    | Q(kind=TransactionKind.RECEIPT, category__in=MoneyInCategory.values)
                    | Q(kind=TransactionKind.PAYMENT, category__in=MoneyOutCategory.values)
                    | (~Q(kind__in=[TransactionKind.RECEIPT, TransactionKind.PAYMENT])
                       & Q(category__in=ALL_CATEGORIES))
                ),
                name="ledger_transaction_category_valid",
            ),
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


class Payment(models.Model):
    """A payment out of one client's funds, as asked for by an officer: posted at once, or held as a
    possible duplicate until a second officer releases (posts) or cancels it.

    Every payment made through :func:`ledger.client_money.client_payment_make` has one row here, so
    that payee and reference (what duplicate detection compares) live on one narrow table rather than
    on every ledger transaction. A posted or released payment points at its ledger transaction.
    """

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="payments")
    payee = models.CharField(max_length=200)
    reference = models.CharField(max_length=100, blank=True, default="")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    category = models.CharField(max_length=40, choices=MoneyOutCategory.choices)
    effective_date = models.DateField()
    memo = models.CharField(max_length=500, blank=True, default="")
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=20, choices=PaymentStatus.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="possible_duplicates",
        help_text="The earlier payment this one looked like, when it was held.",
    )
    hold_reason = models.CharField(max_length=500, blank=True, default="")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="client_payment"
    )

    history = audited()

    class Meta:
        ordering = ["-effective_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_payment_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=PaymentStatus.values), name="ledger_payment_status_valid"),
            models.CheckConstraint(condition=Q(category__in=MoneyOutCategory.values),
                                   name="ledger_payment_category_valid"),
            models.CheckConstraint(condition=~Q(payee=""), name="ledger_payment_payee_not_blank"),
            # Paid exactly when there is a ledger transaction.
            models.CheckConstraint(
                condition=(Q(status__in=[PaymentStatus.POSTED, PaymentStatus.RELEASED], transaction__isnull=False)
                           | Q(status__in=[PaymentStatus.HELD, PaymentStatus.CANCELLED], transaction__isnull=True)),
                name="ledger_payment_paid_has_transaction",
            ),
            # Maker-checker: a held payment is released by someone other than the officer who asked.
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.RELEASED)
                | (Q(released_by__isnull=False, released_at__isnull=False) & ~Q(released_by=F("requested_by"))),
                name="ledger_payment_released_by_another",
            ),
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.CANCELLED) | Q(cancelled_by__isnull=False, cancelled_at__isnull=False),
                name="ledger_payment_cancelled_by_someone",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "amount", "effective_date"], name="ledger_payment_duplicate_idx"),
        ]

    def __str__(self):
        return f"£{self.amount:,.2f} to {self.payee} ({self.get_status_display()})"


class ManualReceipt(models.Model):
    """A receipt an officer recorded by hand (not from a bank statement line), and its second check.

    The receipt is posted at once, so the client's statement shows what the officer says arrived, but
    the money is not *available* to spend (:func:`ledger.selectors.available_funds`) until either a
    bank statement line is matched to it (the bank says it arrived) or a second client affairs officer
    confirms it (:func:`ledger.client_money.receipt_confirm`). One officer alone cannot conjure money
    and pay it out.
    """

    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="manual_receipt")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="manual_receipts")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_manualreceipt_amount_positive"),
            # Maker-checker: confirmed by someone other than the officer who recorded it.
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | (Q(confirmed_by__isnull=False, confirmed_at__isnull=False) & ~Q(confirmed_by=F("recorded_by"))),
                name="ledger_manualreceipt_confirmed_by_another",
            ),
        ]

    def __str__(self):
        return f"£{self.amount:,.2f} received for {self.client_id} ({'confirmed' if self.confirmed_at else 'to check'})"


# --- bank statement import (ledger.imports) --------------------------------------------------------


class StatementImportStatus(models.TextChoices):
    IMPORTED = "imported", "Imported"


class StatementLineStatus(models.TextChoices):
    """Where a bank statement line stands."""

    MATCHED = "matched", "Matched to a client"
    SUSPENSE = "suspense", "Unallocated (in suspense)"
    ALLOCATED = "allocated", "Allocated from suspense to a client"


class StatementImport(models.Model):
    """One bank statement file imported into the ledger (see :mod:`ledger.imports`).

    A preview writes nothing, so every row here is a file whose new lines were posted. Importing the
    same file again makes another row that posted nothing (every line ``skipped``).
    """

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, help_text="The SHA-256 of the file as uploaded, in hex.")
    layout = models.CharField(max_length=40, help_text="The bank export layout recognised from the headings.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    lines_total = models.PositiveIntegerField(default=0)
    lines_matched = models.PositiveIntegerField(default=0)
    lines_suspense = models.PositiveIntegerField(default=0)
    lines_skipped = models.PositiveIntegerField(
        default=0, help_text="Lines already imported from an earlier file, so not posted again."
    )
    status = models.CharField(max_length=20, choices=StatementImportStatus.choices,
                              default=StatementImportStatus.IMPORTED)
    first_date = models.DateField(null=True, blank=True, help_text="The date of the statement's first line.")
    last_date = models.DateField(null=True, blank=True, help_text="The date of the statement's last line.")
    opening_balance = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True,
                                          help_text="The balance before the first line, where the file gives it.")
    closing_balance = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True,
                                          help_text="The balance after the last line, where the file gives it.")

    history = audited()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StatementImportStatus.values),
                                   name="ledger_statementimport_status_valid"),
            models.CheckConstraint(
                condition=Q(lines_total=F("lines_matched") + F("lines_suspense") + F("lines_skipped")),
                name="ledger_statementimport_counts_add_up",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%d/%m/%Y})"


class PendingStatement(models.Model):
    """A bank statement file uploaded and previewed, waiting for the officer who uploaded it to confirm
    the import (:mod:`ledger.pending`). The file is kept on disk under ``MEDIA_ROOT`` (never served),
    not in Redis beside Celery's queue, and is removed when it is imported or when it expires
    (``ledger.tasks.pending_statements_purge``). It is a working copy, not a record: the import itself
    is the :class:`StatementImport`, with its history.
    """

    token = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="statement-uploads/", max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["expires_at"], name="ledger_pendingstmt_expiry_idx")]

    def __str__(self):
        return f"{self.file_name} (uploaded {self.uploaded_at:%d %b %Y %H:%M}, waiting)"


class StatementLine(models.Model):
    """One line of a bank statement, posted once.

    ``fingerprint`` is unique across every import: it is made from the line's date, amount,
    description and reference and a count of identical lines on that day within the file, so the
    same line in the same or an overlapping file is recognised and never posted twice. It is also
    the idempotency key of the transaction the line posted.
    """

    statement_import = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="lines")
    line_number = models.PositiveIntegerField(help_text="The line in the file; the headings are line 1.")
    date = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2, help_text="Money in positive, money out negative.")
    description = models.CharField(max_length=500, blank=True, default="")
    reference = models.CharField(max_length=100, blank=True, default="")
    bank_type = models.CharField(max_length=100, blank=True, default="", help_text="The bank's own transaction type.")
    bank_balance = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True,
                                       help_text="The balance the bank showed after this line, if the file gives it.")
    fingerprint = models.CharField(max_length=64, unique=True)
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="statement_lines")
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="statement_line",
                                       help_text="What the line posted: to the client's funds, or to suspense.")
    status = models.CharField(max_length=20, choices=StatementLineStatus.choices)
    allocation = models.OneToOneField(Transaction, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="allocated_statement_line",
                                      help_text="The transfer from suspense to the client, once allocated.")
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    allocated_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["date", "line_number", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StatementLineStatus.values),
                                   name="ledger_statementline_status_valid"),
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_statementline_amount_not_zero"),
            models.CheckConstraint(
                condition=(
                    Q(status=StatementLineStatus.MATCHED, client__isnull=False, allocation__isnull=True)
                    | Q(status=StatementLineStatus.SUSPENSE, client__isnull=True, allocation__isnull=True)
                    | Q(status=StatementLineStatus.ALLOCATED, client__isnull=False, allocation__isnull=False,
                        allocated_by__isnull=False, allocated_at__isnull=False)
                ),
                name="ledger_statementline_status_consistent",
            ),
        ]
        indexes = [models.Index(fields=["status", "date"], name="ledger_stmtline_status_idx")]

    def __str__(self):
        return f"Line {self.line_number}: {self.date} {self.amount} {self.description}"


# --- monthly reconciliation (ledger.reconciliation) -----------------------------------------------


class ReconciliationStatus(models.TextChoices):
    PREPARED = "prepared", "Prepared"
    SIGNED_OFF = "signed_off", "Signed off"
    #: Signed off, then the month was reopened: the sign-off is kept as it was, but no longer stands, and
    #: the month is prepared and signed off again in a new reconciliation.
    REOPENED = "reopened", "Signed off, then reopened"


class BankBalanceSource(models.TextChoices):
    STATEMENT = "statement", "From the imported bank statement"
    ENTERED = "entered", "Entered by the preparer"


class Reconciliation(models.Model):
    """One month's reconciliation of the pooled client bank account (see :mod:`ledger.reconciliation`).

    ``difference`` is the ledger's balance less the bank's: what the ledger holds that the bank does not
    show yet. It is explained when it equals ``uncleared_total``, the ledger items on or before the month
    end that no bank statement line has cleared. Signed off by an officer other than the preparer, with
    the statement PDF stored alongside its SHA-256.
    """

    month = models.DateField(help_text="The first day of the month reconciled.")
    bank_closing_balance = models.DecimalField(max_digits=14, decimal_places=2,
                                               help_text="The bank's balance at the month end, as the bank states it.")
    bank_balance_source = models.CharField(max_length=20, choices=BankBalanceSource.choices)
    ledger_balance = models.DecimalField(max_digits=14, decimal_places=2,
                                         help_text="The pooled client bank account's ledger balance at the month end.")
    difference = models.DecimalField(max_digits=14, decimal_places=2, help_text="Ledger balance less bank balance.")
    matched_count = models.PositiveIntegerField(default=0)
    matched_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    unmatched_count = models.PositiveIntegerField(
        default=0, help_text="Bank lines of the month still in suspense (not yet allocated to a client).")
    unmatched_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    uncleared_count = models.PositiveIntegerField(
        default=0, help_text="Ledger items to the month end that no bank statement line has cleared.")
    uncleared_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    late_count = models.PositiveIntegerField(
        default=0, help_text="Items posted in this month late: they belong to an earlier month already closed.")
    late_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    status = models.CharField(max_length=20, choices=ReconciliationStatus.choices,
                              default=ReconciliationStatus.PREPARED)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="reconciliations/%Y/", max_length=255, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-month", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="ledger_reconciliation_month_first_day"),
            # One reconciliation of a month stands at a time; one whose month was reopened is kept beside it.
            models.UniqueConstraint(fields=["month"], condition=~Q(status="reopened"),
                                    name="ledger_reconciliation_one_standing_per_month"),
            models.CheckConstraint(condition=Q(status__in=ReconciliationStatus.values),
                                   name="ledger_reconciliation_status_valid"),
            models.CheckConstraint(condition=Q(bank_balance_source__in=BankBalanceSource.values),
                                   name="ledger_reconciliation_source_valid"),
            models.CheckConstraint(condition=Q(difference=F("ledger_balance") - F("bank_closing_balance")),
                                   name="ledger_reconciliation_difference"),
            # Maker-checker: signed off by someone other than the preparer.
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True) | ~Q(signed_off_by=F("prepared_by")),
                name="ledger_reconciliation_signed_off_by_another",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ReconciliationStatus.PREPARED, signed_off_by__isnull=True, signed_off_at__isnull=True)
                    | (Q(status__in=[ReconciliationStatus.SIGNED_OFF, ReconciliationStatus.REOPENED],
                         signed_off_by__isnull=False, signed_off_at__isnull=False)
                       & ~Q(pdf_sha256="") & ~Q(pdf=""))
                ),
                name="ledger_reconciliation_status_consistent",
            ),
        ]

    def __str__(self):
        return f"Reconciliation for {self.month:%B %Y} ({self.get_status_display()})"


class ClosedMonth(models.Model):
    """A month closed for client money: the pooled client bank account and the client-money sub-ledger it
    carries (every client's funds account and the suspense account), when its reconciliation was signed off.

    While a month is closed PostgreSQL refuses any posting to those accounts dated on or before its last
    day (SQLSTATE 23L07, ``migrations/sql/0009_closed_months.up.sql``): closing a month closes everything
    before it too, because an earlier posting would change its closing balance. Money that belongs to a
    closed month is posted late, in the first open month, naming the date it belongs to
    (``Transaction.relates_to_date``; see :mod:`ledger.closing`).

    A client affairs team leader may reopen the latest closed month, giving a reason
    (:func:`ledger.reconciliation.month_reopen`): the row keeps who closed it and who reopened it and why,
    and the month is closed again by a new row when its reconciliation is signed off again. The database
    refuses deleting a row or changing it other than to record its reopening once.
    """

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="closed_months",
                                help_text="The pooled client bank account whose month this is.")
    month = models.DateField(help_text="The first day of the month closed.")
    reconciliation = models.ForeignKey(Reconciliation, on_delete=models.PROTECT, related_name="closures",
                                       help_text="The reconciliation whose sign-off closed the month.")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(default=timezone.now)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.CharField(max_length=1000, blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-month", "-closed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="ledger_closedmonth_month_first_day"),
            models.UniqueConstraint(fields=["account", "month"], condition=Q(reopened_at__isnull=True),
                                    name="ledger_closedmonth_one_closed_per_month"),
            models.CheckConstraint(
                condition=(Q(reopened_at__isnull=True, reopened_by__isnull=True, reopen_reason="")
                           | (Q(reopened_at__isnull=False, reopened_by__isnull=False) & ~Q(reopen_reason=""))),
                name="ledger_closedmonth_reopened_with_reason",
            ),
        ]

    def __str__(self):
        state = "reopened" if self.reopened_at else "closed"
        return f"{self.month:%B %Y} ({state})"

    @property
    def is_closed(self) -> bool:
        return self.reopened_at is None


class StatementLayout(models.Model):
    """A bank's CSV export layout that a client affairs team leader mapped from a sample file (see
    :mod:`ledger.statements.custom`). It belongs to the bank account whose statements it reads and is
    recognised from its headings afterwards, like the built-in layouts. History is kept."""

    bank_account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="statement_layouts")
    name = models.CharField(max_length=100, help_text="The bank and export, as officers know it.")
    headings = models.JSONField(help_text="The headings that identify the export (all must be in the file).")
    date_column = models.CharField(max_length=100)
    description_column = models.CharField(max_length=100)
    amount_column = models.CharField(max_length=100, blank=True, default="",
                                     help_text="One signed amount column; or leave empty and give money in and out.")
    money_in_column = models.CharField(max_length=100, blank=True, default="")
    money_out_column = models.CharField(max_length=100, blank=True, default="")
    money_in_is_negative = models.BooleanField(
        default=False, help_text="The signed amount column shows money in as negative (and money out positive).")
    reference_column = models.CharField(max_length=100, blank=True, default="")
    type_column = models.CharField(max_length=100, blank=True, default="")
    balance_column = models.CharField(max_length=100, blank=True, default="")
    newest_first = models.BooleanField(default=False, help_text="The bank lists the newest lines first.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    #: A retired layout is no longer recognised; it is kept (never deleted) so that the history shows what
    #: an import made with it read.
    retired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_at__isnull=True, retired_by__isnull=True)
                | Q(retired_at__isnull=False, retired_by__isnull=False),
                name="ledger_statementlayout_retired_by_and_when",
            ),
            models.CheckConstraint(
                condition=(~Q(amount_column="") & Q(money_in_column="", money_out_column=""))
                | (Q(amount_column="") & ~Q(money_in_column="") & ~Q(money_out_column="")),
                name="ledger_statementlayout_one_way_of_amounts",
            ),
        ]

    def __str__(self) -> str:
        return self.name
