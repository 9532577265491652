"""Serializers for the charging API's what-if calculator (``POST /api/v1/charging/calculate/``).

The input serializers mirror :class:`charging.assessments.calculator.AssessmentInput` field for field (see
``docs/charging-calculate-api.md``) and build the calculator's frozen dataclasses from what was sent;
they check the shape of each field and the facts the calculator would otherwise refuse without
naming a field (a disregard without its reason, notional capital without the recorded decision), so
the 400 can say which field is wrong. The rules themselves stay in the calculator.

Money is always a JSON string with at most two decimal places (``"225.45"``), never a number: a JSON
number has been through binary floating point before anyone reads it, so it is refused, naming the
field. Output money is a string with exactly two places. Unknown fields are refused too: a misspelt
``dre_flat_rat`` silently ignored would give a wrong answer that looks right.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from rest_framework import serializers

from charging.policy.terms import AMOUNT, MIG_BANDS, PERCENT, CouncilPolicy, MigUplift

from charging.assessments.calculator import (
    TWELVE_WEEKS_DAYS,
    AssessmentInput,
    CapitalItem,
    CapitalKind,
    CoupleInfo,
    Expense,
    Frequency,
    IncomeItem,
    IncomeKind,
    MandatoryDisregard,
    Premiums,
    PropertyDisregardFacts,
    Setting,
    age_on,
    to_weekly,
)

ZERO = Decimal("0.00")
#: The largest total the API answers with (``MoneyField``: 14 digits, 2 places). Capital totals, and
#: each weekly total, must be below it: a total the answer cannot carry is a 400 naming the list,
#: never a 500 after the sum is worked out.
TOTAL_LIMIT = Decimal("1000000000000.00")  # £1 trillion
WEEKLY_TOTAL_LIMIT = Decimal("10000000000.00")  # £10 billion a week: room for tariff income on top
MAX_ITEMS = 100  # per list: a person's capital, income, housing costs or DRE
ADULT_AGE = 18


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class MoneyField(serializers.DecimalField):
    """Pounds and pence as a JSON string (``"12.34"``), never a JSON number, both ways."""

    default_error_messages = {
        "not_a_string": 'Send money as a string with up to two decimal places, e.g. "12.34", not a number.',
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs["coerce_to_string"] = True
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):  # int, float, bool, list... : only a string is exact
            self.fail("not_a_string")
        return super().to_internal_value(data)


def _date(**kwargs) -> serializers.DateField:
    return serializers.DateField(input_formats=["iso-8601"], **kwargs)


def _text(**kwargs) -> serializers.CharField:
    kwargs.setdefault("max_length", 200)
    return serializers.CharField(**kwargs)


def _flag(help_text: str) -> serializers.BooleanField:
    return serializers.BooleanField(required=False, default=False, help_text=help_text)


class _StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, naming each."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if unknown and isinstance(exc.detail, dict):
                exc.detail.update({name: [serializers.ErrorDetail("Unknown field.", code="unknown")]
                                   for name in unknown})
            raise
        if unknown:
            raise serializers.ValidationError({name: ["Unknown field."] for name in unknown}, code="unknown")
        return values


# --- input --------------------------------------------------------------------------------------


class CapitalItemInputSerializer(_StrictSerializer):
    description = _text(help_text='What it is, e.g. "Nationwide savings account".')
    value = MoneyField(min_value=ZERO, help_text="The whole item's value (before any joint share).")
    kind = serializers.ChoiceField(choices=_choices(CapitalKind), required=False, default=CapitalKind.SAVINGS.value)
    joint_owners = serializers.IntegerField(
        required=False, default=1, min_value=1, max_value=20,
        help_text="How many people own it jointly; each has an equal share (reg 24).")
    disregarded = _flag("Another disregard the officer has applied (give `disregard_reason`).")
    disregard_reason = _text(required=False, allow_blank=True, default="",
                             help_text="Why it is disregarded, e.g. personal injury trust.")

    def validate(self, attrs):
        if attrs["disregarded"] and not attrs["disregard_reason"].strip():
            raise serializers.ValidationError({"disregard_reason": ["Give the reason the capital is disregarded."]})
        return attrs

    def build(self, data: dict) -> CapitalItem:
        return CapitalItem(description=data["description"], value=data["value"], kind=CapitalKind(data["kind"]),
                           joint_owners=data["joint_owners"], disregarded=data["disregarded"],
                           disregard_reason=data["disregard_reason"])


class PropertyDisregardInputSerializer(_StrictSerializer):
    mandatory_reason = serializers.ChoiceField(
        choices=_choices(MandatoryDisregard), required=False, allow_null=True, default=None,
        help_text="Why the main home is disregarded while someone still lives in it (Sch 2 para 4).")
    admission_date = _date(required=False, allow_null=True, default=None,
                           help_text="First day of the current permanent admission (12-week disregard).")
    previous_disregard_days_used = serializers.IntegerField(
        required=False, default=0, min_value=0, max_value=TWELVE_WEEKS_DAYS,
        help_text="Days of a 12-week disregard used in an earlier permanent admission.")
    previous_disregard_ended = _date(required=False, allow_null=True, default=None,
                                     help_text="When that earlier disregard ended.")

    def validate(self, attrs):
        if attrs["previous_disregard_days_used"] and attrs["previous_disregard_ended"] is None:
            raise serializers.ValidationError(
                {"previous_disregard_ended": ["Give the day the earlier disregard ended."]})
        return attrs

    def build(self, data: dict) -> PropertyDisregardFacts:
        reason = data["mandatory_reason"]
        return PropertyDisregardFacts(
            mandatory_reason=MandatoryDisregard(reason) if reason else None, admission_date=data["admission_date"],
            previous_disregard_days_used=data["previous_disregard_days_used"],
            previous_disregard_ended=data["previous_disregard_ended"])


class IncomeItemInputSerializer(_StrictSerializer):
    """An income: either ``weekly``, or ``amount`` with ``frequency`` as on the award letter, which the
    calculator converts to weekly by its one rule (monthly × 12 ÷ 52, four-weekly ÷ 4, fortnightly ÷ 2,
    yearly ÷ 52) and shows on the working."""

    kind = serializers.ChoiceField(choices=_choices(IncomeKind))
    weekly = MoneyField(min_value=ZERO, required=False, help_text="The weekly amount (or send `amount` and "
                                                                  "`frequency`).")
    amount = MoneyField(min_value=ZERO, required=False, help_text="The amount as paid, at `frequency`.")
    frequency = serializers.ChoiceField(
        choices=_choices(Frequency), required=False, default=Frequency.WEEKLY.value,
        help_text="How often `amount` is paid: weekly, fortnightly, four_weekly, monthly or yearly.")
    description = _text(required=False, allow_blank=True, default="",
                        help_text="Shown on the working; for `other_disregarded`, the reason it is disregarded.")

    def validate(self, attrs):
        problems = {}
        if attrs["kind"] == IncomeKind.OTHER_DISREGARDED and not attrs["description"].strip():
            problems["description"] = ["Say why the other income is disregarded."]
        if "weekly" in attrs and "amount" in attrs:
            problems["amount"] = ["Send either `weekly`, or `amount` with `frequency`, not both."]
        elif "weekly" not in attrs and "amount" not in attrs:
            problems["weekly"] = ["Send `weekly`, or `amount` with `frequency`."]
        elif "weekly" in attrs and attrs["frequency"] != Frequency.WEEKLY:
            problems["frequency"] = ["`weekly` is already a weekly amount: send `amount` with a frequency."]
        if problems:
            raise serializers.ValidationError(problems)
        if "amount" in attrs:
            attrs["weekly"] = to_weekly(attrs["amount"], attrs["frequency"])
        return attrs

    def build(self, data: dict) -> IncomeItem:
        if "amount" in data:
            return IncomeItem.entered(IncomeKind(data["kind"]), data["amount"], data["frequency"],
                                      data["description"])
        return IncomeItem(kind=IncomeKind(data["kind"]), weekly=data["weekly"], description=data["description"])


class ExpenseInputSerializer(_StrictSerializer):
    description = _text(help_text='e.g. "Council tax" or "Cleaner".')
    weekly = MoneyField(min_value=ZERO, help_text="The weekly amount.")

    def build(self, data: dict) -> Expense:
        return Expense(description=data["description"], weekly=data["weekly"])


class PremiumsInputSerializer(_StrictSerializer):
    disability = _flag("Disability premium.")
    enhanced_disability = _flag("Enhanced disability premium.")
    carer = _flag("Carer premium.")
    dependent_children = serializers.IntegerField(required=False, default=0, min_value=0, max_value=20)

    def build(self, data: dict) -> Premiums:
        return Premiums(**data)


def _list(child, help_text: str):
    return serializers.ListField(child=child, required=False, default=list, max_length=MAX_ITEMS,
                                 help_text=help_text)


class CoupleInputSerializer(_StrictSerializer):
    partner_pension_credit_age = _flag("The partner has reached pension credit age.")
    partner_date_of_birth = _date(required=False, allow_null=True, default=None)
    partner_income = _list(IncomeItemInputSerializer(), "The partner's weekly income (joint comparison only).")
    partner_capital = _list(CapitalItemInputSerializer(),
                            "The partner's own capital (joint comparison only); list joint items once, on the "
                            "person, with `joint_owners`.")
    compare_joint = _flag("Also assess the couple jointly and use the lower charge (non-residential only).")
    partner_housing_share = MoneyField(min_value=ZERO, required=False, default=ZERO,
                                       help_text="The partner's share of the housing costs a week, taken off their "
                                                 "income in the council's couples affordability check.")

    def build(self, data: dict) -> CoupleInfo:
        return CoupleInfo(
            partner_pension_credit_age=data["partner_pension_credit_age"],
            partner_date_of_birth=data["partner_date_of_birth"],
            partner_income=tuple(IncomeItemInputSerializer().build(item) for item in data["partner_income"]),
            partner_capital=tuple(CapitalItemInputSerializer().build(item) for item in data["partner_capital"]),
            compare_joint=data["compare_joint"],
            partner_housing_share=data.get("partner_housing_share", ZERO),
        )


def _totals_too_large(attrs: dict) -> dict[str, list[str]]:
    """The lists whose total the answer could not carry, each named with a sentence."""
    couple = attrs.get("couple") or {}
    capital = (sum((item["value"] for item in attrs.get("capital", ())), ZERO)
               + sum((item["value"] for item in couple.get("partner_capital", ())), ZERO)
               + (attrs.get("notional_capital") or ZERO))
    problems = {}
    if capital >= TOTAL_LIMIT:
        problems["capital"] = [f"The capital (with notional capital and the partner's) comes to £{capital:,.2f}: "
                               f"it must be below £{TOTAL_LIMIT:,.0f}."]
    weekly = {
        "income": sum((item["weekly"] for item in attrs.get("income", ())), ZERO)
        + sum((item["weekly"] for item in couple.get("partner_income", ())), ZERO),
        "housing_costs": sum((item["weekly"] for item in attrs.get("housing_costs", ())), ZERO),
        "dre_items": sum((item["weekly"] for item in attrs.get("dre_items", ())), ZERO),
    }
    for name, total in weekly.items():
        if total >= WEEKLY_TOTAL_LIMIT:
            problems[name] = [f"These come to £{total:,.2f} a week: the total must be below "
                              f"£{WEEKLY_TOTAL_LIMIT:,.0f}."]
    return problems


class MigUpliftInputSerializer(_StrictSerializer):
    kind = serializers.ChoiceField(choices=[(PERCENT, PERCENT), (AMOUNT, AMOUNT)])
    value = serializers.DecimalField(max_digits=10, decimal_places=4, min_value=Decimal("0.0001"),
                                     coerce_to_string=True, help_text="A percentage, or pounds a week.")


class PolicyOverrideInputSerializer(_StrictSerializer):
    """Any field of the council's policy, for a what-if: each one sent replaces the one in force on
    `assessment_date`; the rest stay as the council set them."""

    mig_uplifts = serializers.DictField(
        child=MigUpliftInputSerializer(), required=False,
        help_text=f"Local MIG uplift by band ({', '.join(MIG_BANDS)}): a percentage of the national figure or "
                  "an amount a week. Replaces every band's uplift.")
    dre_flat = MoneyField(min_value=ZERO, required=False, allow_null=True,
                          help_text="Flat weekly DRE for everyone at home; null for none.")
    dre_itemised_if_higher = serializers.BooleanField(required=False,
                                                      help_text="Itemised DRE used where more than the flat rate.")
    dre_flat_needs_disability_benefit = serializers.BooleanField(
        required=False, help_text="The flat DRE only with Attendance Allowance, DLA care or PIP daily living.")
    minimum_charge = MoneyField(min_value=ZERO, required=False, allow_null=True,
                                help_text="Charges below this a week are not collected; null for none.")
    charge_percent = serializers.DecimalField(max_digits=7, decimal_places=4, min_value=Decimal("0.0001"),
                                              max_value=Decimal("100"), required=False, coerce_to_string=True,
                                              help_text="The share of assessable income charged (at home).")
    personal_budget_percent = serializers.DecimalField(
        max_digits=7, decimal_places=4, min_value=Decimal("0.0001"), max_value=Decimal("100"), required=False,
        coerce_to_string=True, help_text="The most charged, as a share of the weekly cost of care (at home).")
    pip_night_care_disregard = serializers.BooleanField(
        required=False, help_text="Disregard the night-care part of enhanced PIP daily living without night care.")
    couples_affordability_check = serializers.BooleanField(
        required=False, help_text="Raise a member of a couple's MIG where it and the partner's net income come to "
                                  "less than the couple's personal allowance for DWP benefits (Reading's check).")
    non_residential_ucl = MoneyField(min_value=ZERO, required=False, allow_null=True,
                                     help_text="Upper capital limit for care at home; null for the national.")
    non_residential_lcl = MoneyField(min_value=ZERO, required=False, allow_null=True,
                                     help_text="Lower capital limit for care at home; null for the national.")
    light_touch_income_limit = MoneyField(
        min_value=ZERO, required=False, allow_null=True,
        help_text="Light-touch: only State Pension and benefits, at most this a week, and capital at or below the "
                  "lower limit: no charge. Null for none.")

    def validate_mig_uplifts(self, value):
        unknown = sorted(set(value) - set(MIG_BANDS))
        if unknown:
            raise serializers.ValidationError(f"Not a MIG band: {', '.join(unknown)}.")
        return value

    def apply(self, policy: CouncilPolicy, data: dict) -> CouncilPolicy:
        changes = dict(data)
        if "mig_uplifts" in changes:
            changes["mig_uplifts"] = {band: MigUplift(u["kind"], u["value"]) for band, u in changes["mig_uplifts"].items()}
        if not changes:
            return policy
        return dataclasses.replace(policy, source=(f"{policy.source}; what-if: " if policy.source else "What-if: ")
                                   + ", ".join(sorted(changes)), **changes)


class CalculateInputSerializer(_StrictSerializer):
    """A person's circumstances, as :class:`charging.assessments.calculator.AssessmentInput`."""

    setting = serializers.ChoiceField(choices=_choices(Setting))
    assessment_date = _date(help_text="The rates in force on this day are used, YYYY-MM-DD.")
    date_of_birth = _date(help_text="For the age band of the Minimum Income Guarantee, YYYY-MM-DD.")
    pension_credit_age = serializers.BooleanField(
        help_text="Whether the person has reached pension credit age, as the officer records it.")
    weekly_cost_of_care = MoneyField(min_value=ZERO)
    capital = _list(CapitalItemInputSerializer(), "What the person owns.")
    property_disregard = PropertyDisregardInputSerializer(required=False)
    notional_capital = MoneyField(min_value=ZERO, required=False, default=ZERO,
                                  help_text="Capital treated as still held (deprivation, Annex E).")
    notional_capital_reason = _text(required=False, allow_blank=True, default="", max_length=500,
                                    help_text="The recorded deprivation decision; needed with notional capital.")
    income = _list(IncomeItemInputSerializer(), "The person's weekly income.")
    night_care_provided = _flag("Night care is provided (non-residential: no night-care disregard of AA/DLA).")
    pension_half_to_partner = _flag("Residential: half the occupational/private pension goes to the partner at "
                                    "home.")
    housing_costs = _list(ExpenseInputSerializer(), "Weekly housing costs (non-residential).")
    dre_items = _list(ExpenseInputSerializer(), "Itemised disability related expenditure (non-residential).")
    dre_flat_rate = _flag("The council's flat rate DRE (rate DRE_FLAT), or the itemised total if more.")
    premiums = PremiumsInputSerializer(required=False)
    couple = CoupleInputSerializer(required=False, allow_null=True, default=None,
                                   help_text="For a member of a couple; null or left out for a single person.")
    policy = PolicyOverrideInputSerializer(
        required=False, help_text="What-if: council policy fields replacing those in force on `assessment_date` "
                                  "(the response's `policy_used` shows what was applied).")

    def validate(self, attrs):
        problems = {}
        born, on = attrs["date_of_birth"], attrs["assessment_date"]
        if born > on:
            problems["date_of_birth"] = ["The date of birth cannot be after the assessment date."]
        elif age_on(born, on) < ADULT_AGE:
            problems["date_of_birth"] = ["Adult social care charging applies from age 18."]
        if attrs["notional_capital"] and not attrs["notional_capital_reason"].strip():
            problems["notional_capital_reason"] = ["Give the recorded reason for the deprivation decision."]
        problems.update(_totals_too_large(attrs))
        if problems:
            raise serializers.ValidationError(problems)
        return attrs

    def build(self, data: dict) -> AssessmentInput:
        """The calculator's input from ``validated_data``."""
        couple = data["couple"]
        return AssessmentInput(
            setting=Setting(data["setting"]),
            assessment_date=data["assessment_date"],
            date_of_birth=data["date_of_birth"],
            pension_credit_age=data["pension_credit_age"],
            weekly_cost_of_care=data["weekly_cost_of_care"],
            capital=tuple(CapitalItemInputSerializer().build(item) for item in data["capital"]),
            property_disregard=(PropertyDisregardInputSerializer().build(data["property_disregard"])
                                if "property_disregard" in data else PropertyDisregardFacts()),
            notional_capital=data["notional_capital"],
            notional_capital_reason=data["notional_capital_reason"],
            income=tuple(IncomeItemInputSerializer().build(item) for item in data["income"]),
            night_care_provided=data["night_care_provided"],
            pension_half_to_partner=data["pension_half_to_partner"],
            housing_costs=tuple(ExpenseInputSerializer().build(item) for item in data["housing_costs"]),
            dre_items=tuple(ExpenseInputSerializer().build(item) for item in data["dre_items"]),
            dre_flat_rate=data["dre_flat_rate"],
            premiums=PremiumsInputSerializer().build(data["premiums"]) if "premiums" in data else Premiums(),
            couple=CoupleInputSerializer().build(couple) if couple is not None else None,
        )


# --- output -------------------------------------------------------------------------------------


class LineOutputSerializer(serializers.Serializer):
    section = serializers.CharField(help_text="capital, income, disregard, allowance or charge.")
    label = serializers.CharField()
    amount = MoneyField(help_text="Weekly pounds; allowances and disregards are negative.")
    rule = serializers.CharField(allow_blank=True, help_text="The rule applied, in words (may be empty).")
    rate_code = serializers.CharField(allow_blank=True, help_text="The rate used (a key of `rates_used`), or empty.")


class RateUsedOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    amount = MoneyField()
    effective_from = serializers.DateField()
    source = serializers.CharField(help_text="Where the figure was taken from.")


class _ResultFields(serializers.Serializer):
    setting = serializers.ChoiceField(choices=_choices(Setting))
    assessment_date = serializers.DateField()
    basis = serializers.ChoiceField(choices=[("individual", "individual"), ("joint", "joint")])
    lines = LineOutputSerializer(many=True, help_text="Every line of the working, in order.")
    total_capital = MoneyField()
    capital_disregarded = MoneyField()
    tariff_income = MoneyField()
    gross_income = MoneyField()
    income_disregarded = MoneyField()
    assessed_income = MoneyField()
    allowances = MoneyField(help_text="The PEA, or the MIG with premiums (housing costs and DRE apart).")
    housing_costs = MoneyField()
    disability_related_expenditure = MoneyField()
    charge_before_cap = MoneyField()
    weekly_cost_of_care = MoneyField()
    weekly_charge = MoneyField(help_text="What the person pays a week.")
    council_share = MoneyField(help_text="What the council pays a week: the cost of care less the charge.")
    full_cost = serializers.BooleanField(help_text="Capital above the upper capital limit: the full cost is paid.")
    capped_at_cost = serializers.BooleanField()
    minimum_charge_applied = serializers.BooleanField()
    rates_used = serializers.DictField(child=RateUsedOutputSerializer(), help_text="Every rate used, by code.")
    policy_used = serializers.DictField(
        help_text="The council policy applied, every field (`effective_from`, `source`, `mig_uplifts`, `dre_flat`, "
                  "`dre_itemised_if_higher`, `minimum_charge`, `charge_percent`, `personal_budget_percent`, "
                  "`pip_night_care_disregard`, "
                  "`couples_affordability_check`, `non_residential_ucl`, `non_residential_lcl`, "
                  "`light_touch_income_limit`); each that changed a figure is a `Council policy: ...` line.")


class ComparedResultOutputSerializer(_ResultFields):
    """The assessment not used (couples compared jointly): the same fields; no further comparison."""

    compared_with = serializers.DictField(allow_null=True, read_only=True, help_text="Always null here.")


class CalculateOutputSerializer(_ResultFields):
    """:meth:`charging.assessments.calculator.AssessmentResult.to_dict`."""

    compared_with = ComparedResultOutputSerializer(
        allow_null=True, help_text="Couples with `compare_joint`: the other assessment, which was not used.")


class RatesInForceQuerySerializer(_StrictSerializer):
    on = _date(required=False, help_text="The day, YYYY-MM-DD; today if left out.")


class RatesInForceOutputSerializer(serializers.Serializer):
    on = serializers.DateField()
    rates = serializers.DictField(child=RateUsedOutputSerializer(), help_text="Every rate in force that day, by code.")
    policy = serializers.DictField(help_text="The council policy in force that day (as `policy_used`).")
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="National figures the calculator may ask for that have no rate in force that day: an assessment "
                  "needing one is refused with `missing_rate` until an administrator adds it.")


# --- assessments (``/api/v1/charging/assessments/``) -------------------------------------------------


class AssessmentInputsSerializer(CalculateInputSerializer):
    """The person's circumstances, exactly as for the calculator, except that the weekly cost of care
    may be left out: a saved assessment always uses its care package's weekly cost (and its own
    assessment date), whatever is sent."""

    weekly_cost_of_care = MoneyField(min_value=ZERO, required=False, default=None, allow_null=True,
                                     help_text="Ignored: the care package's weekly cost is used.")
    policy = None  # a saved assessment uses the council's policy in force; what-ifs are the calculator's


class AssessmentCreateInputSerializer(_StrictSerializer):
    care_package = serializers.IntegerField(help_text="The care package being charged for (one of the client's).")
    assessment_date = _date(required=False, help_text="Defaults to `inputs.assessment_date`.")
    reason = _text(max_length=500, help_text="Why the assessment is being made.")
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    inputs = AssessmentInputsSerializer(help_text="The same document as the calculate endpoint takes.")


class AssessmentUpdateInputSerializer(_StrictSerializer):
    """A draft's changes: anything left out stays as it is; the charge is worked out again."""

    care_package = serializers.IntegerField(required=False)
    assessment_date = _date(required=False, help_text="Defaults to `inputs.assessment_date` when inputs are sent.")
    reason = _text(max_length=500, help_text="Why it is being changed (kept in the history).")
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    inputs = AssessmentInputsSerializer(required=False)


class AssessmentActionInputSerializer(_StrictSerializer):
    reason = _text(required=False, max_length=500, help_text="Kept in the history; optional.")


class AssessmentReturnInputSerializer(_StrictSerializer):
    reason = _text(max_length=500, help_text="Why it is going back to draft.")


class LetterOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="pending, ready or failed.")
    download_url = serializers.CharField(allow_null=True, help_text="The PDF, once ready.")


class AssessmentOutputSerializer(serializers.Serializer):
    """A saved financial assessment: its status and approval, the inputs as stored, and the stored
    result with every line of the working (never worked out again)."""

    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    care_package = serializers.IntegerField(source="care_package_id")
    status = serializers.CharField(help_text="draft, submitted, approved or superseded.")
    setting = serializers.ChoiceField(choices=_choices(Setting))
    assessment_date = serializers.DateField()
    weekly_charge = MoneyField()
    council_share = MoneyField()
    weekly_cost_of_care = MoneyField()
    reason = serializers.CharField()
    notes = serializers.CharField(allow_blank=True)
    assessed_by = serializers.CharField(help_text="Username of whoever last worked it out.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    returned_reason = serializers.CharField(allow_blank=True)
    approved_by = serializers.CharField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    effective_from = serializers.DateField(allow_null=True, help_text="The day the charge starts (on approval).")
    backdating_rule = serializers.CharField(allow_blank=True)
    backdated_weeks = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True, coerce_to_string=True)
    backdated_amount = MoneyField(allow_null=True)
    backdating_explanation = serializers.CharField(allow_blank=True)
    superseded_by = serializers.IntegerField(source="superseded_by_id", allow_null=True)
    replaced_from = serializers.DateField(
        allow_null=True, help_text="The day the assessment replacing it takes effect: in force up to the day before.")
    letter = LetterOutputSerializer(allow_null=True)
    inputs = serializers.JSONField(help_text="As stored: the calculate endpoint's document (money as strings).")
    result = CalculateOutputSerializer(help_text="The stored result: every line of the working, every rate used.")

    def to_representation(self, instance):
        from django.urls import reverse

        letter = instance.letter if instance.letter_id else None
        data = {
            **{name: getattr(instance, name) for name in (
                "id", "client_id", "care_package_id", "status", "setting", "assessment_date", "weekly_charge",
                "council_share", "weekly_cost_of_care", "reason", "notes", "submitted_at", "returned_reason",
                "approved_at", "effective_from", "backdating_rule", "backdated_weeks", "backdated_amount",
                "backdating_explanation", "superseded_by_id", "replaced_from", "inputs", "result")},
            "assessed_by": instance.assessed_by.get_username(),
            "approved_by": instance.approved_by.get_username() if instance.approved_by_id else None,
            "letter": {"id": letter.pk, "status": letter.status,
                       "download_url": reverse("documents:download", args=[letter.pk]) if letter.is_ready else None}
            if letter else None,
        }
        return super().to_representation(data)
