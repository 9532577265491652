"""Debt recovery's API serializers: separate output shapes for debtor accounts, and the late payment
interest calculator's input and working."""

from __future__ import annotations

from rest_framework import serializers

from debt_recovery.accounts.choices import ContactBy, CustomerType, DebtorKind, LettersTo, PaymentMethod
from debt_recovery.accounts.selectors import BANDS
from ledger.api.serializers import BalanceQuerySerializer, MoneyField, StatementLineOutputSerializer


class DebtorQuerySerializer(BalanceQuerySerializer):
    client = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647,
                                      help_text="Only this client's debtor accounts.")


class AgedBalanceOutputSerializer(serializers.Serializer):
    as_at = serializers.DateField()
    balance = MoneyField(help_text="The ledger balance of the debtor's receivable: positive is owed, negative is "
                                   "a credit.")
    owed = MoneyField()
    credit = MoneyField()
    oldest_band = serializers.ChoiceField(choices=[key for key, *_ in BANDS], allow_null=True)


for _key, _label, *_ in BANDS:
    AgedBalanceOutputSerializer._declared_fields[_key] = MoneyField(
        help_text=f"Owed on charges {_label.lower()} old (payments set against the oldest charges first).")


class DebtorAccountOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=DebtorKind.choices)
    name = serializers.CharField()
    contact = serializers.IntegerField(source="contact.contact_id", allow_null=True, default=None,
                                       help_text="The contact (people) who owes or answers for the debt.")
    customer_type = serializers.ChoiceField(choices=CustomerType.choices)
    late_payment_interest_applies = serializers.BooleanField()
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)
    letters_to = serializers.ChoiceField(choices=LettersTo.choices)
    contact_by = serializers.ChoiceField(choices=ContactBy.choices)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    ledger_account = serializers.IntegerField(source="ledger_account_id")
    aged = AgedBalanceOutputSerializer()


class DebtorAccountDetailOutputSerializer(DebtorAccountOutputSerializer):
    lines = StatementLineOutputSerializer(many=True, help_text="Every charge and payment, oldest first.")
