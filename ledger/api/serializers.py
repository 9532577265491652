"""Serializers for the ledger API.

Money is always a JSON string with exactly two decimal places ("1234.50"), never a number, both ways:
input amounts must be sent as strings (a JSON number such as ``12.3`` has already been through binary
floating point by the time anyone reads it), and output amounts are ``Decimal`` rendered as strings.
Input serializers check the shape of what was sent; the services (:mod:`ledger.client_money`,
:mod:`ledger.services`) decide what is allowed.
"""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from ledger.choices import MoneyInCategory, MoneyOutCategory, TransactionKind
from ledger.models import Account, Payment, Transaction

#: What the generic ``POST /api/v1/ledger/transactions/`` may post. Receipts and payments of a
#: client's money go through the client money endpoints (categories, duplicate holds); reversals
#: through ``transaction_reverse``.
GENERAL_KINDS = [TransactionKind.TRANSFER, TransactionKind.CHARGE, TransactionKind.ADJUSTMENT,
                 TransactionKind.OPENING_BALANCE]


class MoneyField(serializers.DecimalField):
    """Pounds and pence as a string with two places. Refuses JSON numbers on input."""

    default_error_messages = {
        "not_a_string": 'Send the amount as a string with up to two decimal places, e.g. "12.34".',
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs["coerce_to_string"] = True
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, (float, bool)):
            self.fail("not_a_string")
        return super().to_internal_value(data)


def _as_date_field(**kwargs) -> serializers.DateField:
    return serializers.DateField(input_formats=["iso-8601"], **kwargs)


# --- query parameters ------------------------------------------------------------------------------


class BalanceQuerySerializer(serializers.Serializer):
    as_at = _as_date_field(
        required=False, help_text="The balance at the end of this day, YYYY-MM-DD. Now if left out."
    )


class StatementQuerySerializer(serializers.Serializer):
    # "from" is a Python keyword, so it is declared below.
    to = _as_date_field(help_text="The last day of the statement, YYYY-MM-DD (inclusive).")

    def validate(self, attrs):
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": ["The end date cannot be before the start date."]})
        return attrs


StatementQuerySerializer._declared_fields["from"] = _as_date_field(
    help_text="The first day of the statement, YYYY-MM-DD (inclusive)."
)


# --- output ----------------------------------------------------------------------------------------


class AccountOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["id", "name", "kind", "owner_kind", "purpose", "client", "owner_reference", "currency", "is_active"]
        read_only_fields = fields


class HeldPaymentSerializer(serializers.ModelSerializer):
    amount = MoneyField(read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "payee", "reference", "amount", "category", "effective_date", "hold_reason", "duplicate_of",
                  "requested_at"]
        read_only_fields = fields


class ClientMoneyOutputSerializer(serializers.Serializer):
    client = serializers.IntegerField(help_text="The client's id.")
    account = serializers.IntegerField(
        allow_null=True, help_text="The client's funds account; null until money is first recorded."
    )
    currency = serializers.CharField()
    as_at = serializers.DateField(allow_null=True, help_text="The day `balance` is for; null for now.")
    balance = MoneyField(help_text="The client's funds held by the council, at the end of `as_at` (or now).")
    available = MoneyField(
        help_text="What the client has to spend now (whatever `as_at` says). Held payments are not deducted."
    )
    held_total = MoneyField(help_text="The total of payments held as possible duplicates, not yet paid.")
    held_payments = HeldPaymentSerializer(many=True)


class StatementLineOutputSerializer(serializers.Serializer):
    date = serializers.DateField()
    transaction_id = serializers.IntegerField()
    kind = serializers.CharField()
    memo = serializers.CharField()
    amount = MoneyField(help_text="Positive adds to the balance shown, negative takes from it.")
    running_balance = MoneyField(help_text="The balance after this line.")


class StatementOutputSerializer(serializers.Serializer):
    account = serializers.IntegerField(allow_null=True)
    account_name = serializers.CharField(allow_blank=True)
    currency = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    opening_balance = MoneyField(help_text="The balance at the end of the day before `start`.")
    lines = StatementLineOutputSerializer(many=True)
    closing_balance = MoneyField(help_text="The balance at the end of `end`: the last line's running balance.")


class PostingOutputSerializer(serializers.Serializer):
    account = serializers.IntegerField(source="account_id")
    amount = MoneyField(help_text="Debit positive, credit negative.")


class TransactionOutputSerializer(serializers.ModelSerializer):
    postings = PostingOutputSerializer(many=True, read_only=True)
    category = serializers.CharField(
        read_only=True, allow_null=True,
        help_text="The OPG money-in (receipt) or money-out (payment) category code; null for other kinds.",
    )

    class Meta:
        model = Transaction
        fields = ["id", "effective_date", "relates_to_date", "posted_at", "kind", "category", "memo",
                  "idempotency_key", "reverses", "postings"]
        read_only_fields = fields
        extra_kwargs = {"relates_to_date": {"help_text": "Posted late: the earlier date, in a month already closed "
                                                         "for client money, that the money belongs to; null "
                                                         "otherwise."}}


class PaymentOutputSerializer(serializers.ModelSerializer):
    amount = MoneyField(read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "client", "status", "payee", "reference", "amount", "category", "effective_date", "memo",
                  "transaction", "hold_reason", "duplicate_of", "requested_at", "idempotency_key"]
        read_only_fields = fields


# --- input -----------------------------------------------------------------------------------------


class ReceiptInputSerializer(serializers.Serializer):
    amount = MoneyField(min_value=Decimal("0.01"), help_text='Pounds and pence as a string, e.g. "187.60".')
    effective_date = _as_date_field(help_text="The day the money arrived, YYYY-MM-DD.")
    category = serializers.ChoiceField(choices=MoneyInCategory.choices, help_text="The OPG's money-in category.")
    memo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PaymentInputSerializer(serializers.Serializer):
    amount = MoneyField(min_value=Decimal("0.01"), help_text='Pounds and pence as a string, e.g. "950.00".')
    effective_date = _as_date_field(help_text="The day the money leaves, YYYY-MM-DD.")
    category = serializers.ChoiceField(choices=MoneyOutCategory.choices, help_text="The OPG's money-out category.")
    payee = serializers.CharField(max_length=200)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    memo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PostingInputSerializer(serializers.Serializer):
    account = serializers.IntegerField(help_text="A council, debtor or agreement account's id.")
    amount = MoneyField(help_text='Debit positive, credit negative, as a string, e.g. "-25.00".')


class TransactionInputSerializer(serializers.Serializer):
    effective_date = _as_date_field(help_text="The day the money moved, YYYY-MM-DD.")
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in GENERAL_KINDS])
    memo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    postings = PostingInputSerializer(many=True, help_text="Two or more, adding up to zero.")

    def validate_postings(self, postings):
        if len(postings) < 2:
            raise serializers.ValidationError("A transaction needs at least two postings.")
        total = sum((p["amount"] for p in postings), Decimal("0.00"))
        if total != 0:
            raise serializers.ValidationError(f"The postings add up to {total:.2f}, not 0.00.")
        return postings
