"""Debt recovery's API serializers: separate output shapes for debtor accounts, and the late payment
interest calculator's input and working."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
        help_text=f"Owed on charges {_label.lower()} old (each payment clears the charges it was recorded against; other credits the oldest first).")


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


class LatePaymentInterestInputSerializer(serializers.Serializer):
    debt = MoneyField(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"), help_text="The late debt, as a string.")
    due_date = serializers.DateField(input_formats=["iso-8601"], help_text="The day payment was due, YYYY-MM-DD.")
    paid_on = serializers.DateField(input_formats=["iso-8601"], required=False,
                                    help_text="The day it was paid. Leave out for a debt still unpaid.")
    as_at = serializers.DateField(input_formats=["iso-8601"], required=False,
                                  help_text="For a debt still unpaid: work the interest to this day (today if left out).")
    debtor = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647,
                                      help_text="A debtor account: refused unless it is a commercial customer type.")

    def validate(self, attrs):
        if "paid_on" in attrs and "as_at" in attrs:
            raise serializers.ValidationError({"as_at": ["Give the day it was paid or an as-at day, not both."]})
        for name in ("paid_on", "as_at"):
            if name in attrs and not dt.date(1998, 11, 1) <= attrs[name] <= dt.date(2200, 12, 31):
                raise serializers.ValidationError({name: ["Give a day from 1 November 1998 (the Act) to 2200."]})
        if not dt.date(1998, 11, 1) <= attrs["due_date"] <= dt.date(2200, 12, 31):
            raise serializers.ValidationError({"due_date": ["Give a day from 1 November 1998 (the Act) to 2200."]})
        return attrs


class LatePaymentInterestOutputSerializer(serializers.Serializer):
    debt = MoneyField()
    due_date = serializers.DateField()
    until = serializers.DateField(help_text="The day paid, or the as-at day.")
    interest_from = serializers.DateField(allow_null=True, help_text="The day after the due date; null if not late.")
    days_late = serializers.IntegerField()
    reference_date = serializers.DateField(allow_null=True, help_text="The 30 June or 31 December whose base rate "
                                                                      "is the reference rate.")
    base_rate = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True, coerce_to_string=True,
                                         help_text="Percent a year.")
    uplift = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True, coerce_to_string=True)
    yearly_rate = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True, coerce_to_string=True)
    daily_interest = serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=True)
    interest = MoneyField()
    compensation = MoneyField()
    compensation_code = serializers.CharField(allow_null=True, help_text="The rate code of the compensation band.")
    total = MoneyField(help_text="Interest plus compensation.")
    lines = serializers.ListField(child=serializers.CharField(), help_text="The working, line by line.")
