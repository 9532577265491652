"""The what-if calculator API's input and output (``POST /api/v1/deferred-payments/calculate/``).

Money is a JSON string with up to two decimal places (a JSON number is refused, naming the field); percentages
are strings too; dates ``YYYY-MM-DD``; unknown fields are refused at every level."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from deferred_payments.agreements.choices import Compounding, DayBasis
from ledger.api.serializers import MoneyField as LedgerMoneyField

ZERO = Decimal("0")


class MoneyField(LedgerMoneyField):
    """Pounds and pence as a JSON string, never a JSON number (a number has been through binary floating point)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class PercentField(serializers.DecimalField):
    default_error_messages = {"not_a_string": 'Send a percentage as a string, e.g. "4.25", not a number.'}

    def __init__(self, **kwargs):
        super().__init__(max_digits=8, decimal_places=4, coerce_to_string=True, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class _StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, naming each."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        if unknown:
            raise serializers.ValidationError({name: ["Unknown field."] for name in unknown}, code="unknown")
        return super().to_internal_value(data)


def _date(**kwargs):
    return serializers.DateField(input_formats=["iso-8601"], **kwargs)


def _percent(**kwargs):
    return PercentField(**kwargs)


class DpaConventionInputSerializer(_StrictSerializer):
    compounding = serializers.ChoiceField(choices=Compounding.choices)
    day_basis = serializers.ChoiceField(choices=DayBasis.choices)


class DpaRatePeriodInputSerializer(_StrictSerializer):
    starts_on = _date()
    ends_on = _date()
    annual_rate = _percent(min_value=ZERO, max_value=Decimal("99.9999"), help_text="Per cent a year, e.g. \"4.25\".")

    def validate(self, data):
        if data["ends_on"] < data["starts_on"]:
            raise serializers.ValidationError({"ends_on": ["The rate period ends before it starts."]})
        return data


class DpaMovementInputSerializer(_StrictSerializer):
    on = _date()
    amount = MoneyField(help_text="A payment is negative.")
    kind = serializers.ChoiceField(choices=[("deferral", "deferral"), ("fee", "fee"), ("payment", "payment"),
                                            ("interest", "interest")])


class DpaEquityInputSerializer(_StrictSerializer):
    value = MoneyField(min_value=ZERO, help_text="The home's value at the valuation.")
    valued_on = _date(required=False, help_text="The valuation's date; it cannot be in the future.")
    share_percent = _percent(help_text="The person's share of the home, more than 0 and at most 100.")
    percent_of_value = _percent(min_value=ZERO, max_value=Decimal(100), required=False, default=Decimal("90"),
                                help_text="The percentage of the share the council lends against (default 90: the "
                                          "value less 10%).")
    lower_capital_limit = MoneyField(min_value=ZERO, required=False, default=Decimal("14250.00"),
                                     help_text="Default £14,250 (the lower capital limit in England).")


class DpaInterestInputSerializer(_StrictSerializer):
    opening = MoneyField(required=False, default=Decimal("0.00"))
    opening_interest = MoneyField(min_value=ZERO, required=False, default=Decimal("0.00"),
                                  help_text="Interest already in the opening balance (simple interest ignores it).")
    start = _date()
    end = _date(help_text="Included.")
    convention = DpaConventionInputSerializer()
    movements = DpaMovementInputSerializer(many=True, required=False, default=list)
    rates = DpaRatePeriodInputSerializer(many=True, required=False,
                                         help_text="Leave out to use the national maximum rates table.")


class DpaLimitWeekInputSerializer(_StrictSerializer):
    start = _date(help_text="The first week's deferral is on this day, then every 7 days.")
    weekly_amount = MoneyField(min_value=ZERO)
    equity_limit = MoneyField(min_value=ZERO, required=False, help_text="Leave out to use the `equity` answer.")
    opening = MoneyField(min_value=ZERO, required=False, default=Decimal("0.00"))
    convention = DpaConventionInputSerializer()
    interest_counts = serializers.BooleanField(required=False, default=True)
    fees_count = serializers.BooleanField(required=False, default=True)
    fees = DpaMovementInputSerializer(many=True, required=False, default=list)
    rates = DpaRatePeriodInputSerializer(many=True, required=False)
    max_weeks = serializers.IntegerField(min_value=1, max_value=52 * 40, required=False, default=52 * 10)


class DpaContributionInputSerializer(_StrictSerializer):
    weekly_income = MoneyField(min_value=ZERO, help_text="The person's assessed weekly income.")
    weekly_cost = MoneyField(min_value=ZERO, help_text="The care home's weekly cost the council meets.")
    disposable_income_allowance = MoneyField(min_value=ZERO, required=False,
                                             help_text="What the person keeps a week; default and most £144.00.")


class DpaCalculateInputSerializer(_StrictSerializer):
    equity = DpaEquityInputSerializer(required=False)
    interest = DpaInterestInputSerializer(required=False)
    limit_week = DpaLimitWeekInputSerializer(required=False)
    contribution = DpaContributionInputSerializer(required=False)

    def validate(self, data):
        if not data:
            raise serializers.ValidationError("Ask for at least one of equity, interest, limit_week, contribution.")
        return data


class DpaPeriodOutputSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    annual_rate = serializers.CharField()
    days = serializers.IntegerField()
    interest = serializers.CharField()
    working = serializers.CharField()


class DpaEquityOutputSerializer(serializers.Serializer):
    limit = serializers.CharField()
    share_value = serializers.CharField()
    counted_value = serializers.CharField()
    working = serializers.ListField(child=serializers.CharField())


class DpaInterestOutputSerializer(serializers.Serializer):
    opening = serializers.CharField()
    interest = serializers.CharField()
    closing = serializers.CharField()
    periods = DpaPeriodOutputSerializer(many=True)
    working = serializers.ListField(child=serializers.CharField())


class DpaLimitWeekOutputSerializer(serializers.Serializer):
    week = serializers.IntegerField(allow_null=True)
    week_starts_on = serializers.DateField(allow_null=True)
    reached_on = serializers.DateField(allow_null=True)
    counted_then = serializers.CharField(allow_null=True)
    working = serializers.ListField(child=serializers.CharField())


class DpaContributionOutputSerializer(serializers.Serializer):
    weekly_contribution = serializers.CharField()
    weekly_deferred = serializers.CharField()
    disposable_income_allowance = serializers.CharField()
    working = serializers.ListField(child=serializers.CharField())


class DpaCalculateOutputSerializer(serializers.Serializer):
    equity = DpaEquityOutputSerializer(required=False)
    interest = DpaInterestOutputSerializer(required=False)
    limit_week = DpaLimitWeekOutputSerializer(required=False)
    contribution = DpaContributionOutputSerializer(required=False)
