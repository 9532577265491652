"""The what-if calculator: ``POST /api/v1/deferred-payments/calculate/`` (name ``deferred-payments-calculate``).

The equity limit, interest and closing balance for a period under a stated convention, the week the limit is
reached for a weekly deferral, and the weekly contribution and deferred amount, each with its working, from
the same pure calculator the accrual run posts with. It writes nothing. See
``docs/deferred-payment-interest.md``."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from deferred_payments.interest import calculator
from deferred_payments.interest.serializers import DpaCalculateInputSerializer, DpaCalculateOutputSerializer
from deferred_payments.rates.selectors import rates_between
from ledger.money import round_money
from people.api.serializers import ErrorSerializer
from people.selectors import today

#: The most a person may keep a week from their income under a deferred payment agreement: £144 (the
#: "disposable income allowance"; Care and Support Statutory Guidance 9.48-9.50; West Sussex County Council,
#: https://westsussexconnecttosupport.org/alt-home/adult-social-care-publications/deferred-payments/disposable-income-allowance;
#: ../shared/domain/deferred_payments.md). A council sets ``DPA_DISPOSABLE_INCOME_ALLOWANCE_MAX`` if it changes.
DISPOSABLE_INCOME_ALLOWANCE_MAX = Decimal("144.00")


def dia_max() -> Decimal:
    return Decimal(str(getattr(settings, "DPA_DISPOSABLE_INCOME_ALLOWANCE_MAX", DISPOSABLE_INCOME_ALLOWANCE_MAX)))


def _money(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _rates(given, start, end) -> list[calculator.RatePeriod]:
    if given:
        return [calculator.RatePeriod(r["starts_on"], r["ends_on"], r["annual_rate"]) for r in given]
    return rates_between(start, end)


def _missing(exc: calculator.MissingRate, field: str) -> ApplicationError:
    refusal = ApplicationError(f"{exc} Enter it on the rates page, or send `{field}.rates`.", code="missing_rate",
                               extra={f"{field}.rates": [str(exc)]})
    refusal.status = 422
    return refusal


def contribution(*, weekly_income: Decimal, weekly_cost: Decimal, allowance: Decimal | None) -> dict:
    """What the person pays a week from income and what is deferred: the person keeps the disposable income
    allowance (up to the maximum, as they choose) and pays the rest of their income, up to the cost; the rest of
    the cost is deferred."""
    allowance = dia_max() if allowance is None else allowance
    pays = min(max(weekly_income - allowance, Decimal(0)), weekly_cost)
    deferred = weekly_cost - pays
    return {"weekly_contribution": f"{pays:.2f}", "weekly_deferred": f"{deferred:.2f}",
            "disposable_income_allowance": f"{allowance:.2f}",
            "working": [f"Weekly income: {_money(weekly_income)}",
                        f"Less the disposable income allowance kept: {_money(allowance)} (at most {_money(dia_max())})",
                        f"Contribution from income (never more than the cost): {_money(pays)}",
                        f"Weekly cost: {_money(weekly_cost)}; deferred: {_money(deferred)}"]}


class DeferredPaymentsCalculateView(APIView):
    parser_classes = [JSONParser]
    rules = {"write": "deferred_payments.calculate"}

    @extend_schema(
        tags=["Deferred payments"], summary="Deferred payments: what if (nothing is saved)",
        description=(
            "Any of four questions, each answered with its working: `equity` (the equity limit from the home's "
            "value, the person's share and the council's formula), `interest` (interest and the closing balance "
            "for a period under a stated convention, across rate changes, with the national maximum rates unless "
            "`rates` are given), `limit_week` (the week the equity limit is reached for a weekly deferral) and "
            "`contribution` (the weekly contribution from income and the amount deferred, keeping the disposable "
            "income allowance of up to £144). Money and percentages are JSON strings; unknown fields are refused. "
            "Nothing is saved. See docs/deferred-payment-interest.md."),
        request=DpaCalculateInputSerializer,
        responses={
            200: DpaCalculateOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description=(
                "`invalid`: `errors` names each bad field by its path, e.g. `equity.share_percent` (a share over "
                "100%), `equity.valued_on` (a valuation in the future), `interest.end` (dates out of order).")),
            403: OpenApiResponse(ErrorSerializer, description="Not signed in, no team (or an auditor: read-only)."),
            415: OpenApiResponse(ErrorSerializer, description="`unsupported_media_type`: send `application/json`."),
            422: OpenApiResponse(ErrorSerializer, description=(
                "`missing_rate`: no national rate for a day in the period; `errors` names the first day.")),
        },
    )
    def post(self, request: Request) -> Response:
        given = DpaCalculateInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        errors: dict[str, list[str]] = {}
        if "equity" in data:
            e = data["equity"]
            if e.get("valued_on") and e["valued_on"] > today():
                errors["equity.valued_on"] = ["The valuation date cannot be in the future."]
            if not Decimal(0) < e["share_percent"] <= Decimal(100):
                errors["equity.share_percent"] = ["The share must be more than 0% and no more than 100%."]
        if "interest" in data and data["interest"]["end"] < data["interest"]["start"]:
            errors["interest.end"] = ["The end date is before the start date."]
        for name in ("interest", "limit_week"):
            for i, movement in enumerate(data.get(name, {}).get("movements" if name == "interest" else "fees", [])):
                if name == "interest" and not data["interest"]["start"] <= movement["on"] <= data["interest"]["end"]:
                    errors[f"interest.movements[{i}].on"] = ["The movement is outside the period."]
                if movement["kind"] == "payment" and movement["amount"] > 0:
                    errors[f"{name}.{'movements' if name == 'interest' else 'fees'}[{i}].amount"] = [
                        "A payment is negative."]
        if "contribution" in data:
            allowance = data["contribution"].get("disposable_income_allowance")
            if allowance is not None and allowance > dia_max():
                errors["contribution.disposable_income_allowance"] = [
                    f"The disposable income allowance is at most {_money(dia_max())} a week."]
        if "limit_week" in data and "equity_limit" not in data["limit_week"] and "equity" not in data:
            errors["limit_week.equity_limit"] = ["Give the equity limit, or ask for `equity` too."]
        if errors:
            raise ValidationError(errors)
        answer: dict = {}
        if "equity" in data:
            e = data["equity"]
            limit = calculator.equity_limit(value=e["value"], share_percent=e["share_percent"],
                                            percent_of_value=e["percent_of_value"],
                                            lower_capital_limit=e["lower_capital_limit"])
            answer["equity"] = {"limit": f"{limit.limit:.2f}", "share_value": f"{limit.share_value:.2f}",
                                "counted_value": f"{limit.counted_value:.2f}", "working": limit.lines}
        if "interest" in data:
            i = data["interest"]
            try:
                result = calculator.accrue(
                    opening=i["opening"], opening_interest=i["opening_interest"], start=i["start"], end=i["end"],
                    movements=[calculator.Movement(m["on"], m["amount"], m["kind"]) for m in i["movements"]],
                    rates=_rates(i.get("rates"), i["start"], i["end"]),
                    convention=calculator.Convention(**i["convention"]))
            except calculator.MissingRate as exc:
                raise _missing(exc, "interest") from None
            answer["interest"] = {
                "opening": f"{result.opening:.2f}", "interest": f"{result.interest:.2f}",
                "closing": f"{result.closing:.2f}", "working": result.lines,
                "periods": [{"starts_on": p.starts_on, "ends_on": p.ends_on, "annual_rate": f"{p.annual_rate.normalize():f}",
                             "days": p.days, "interest": f"{p.interest:.2f}", "working": p.working} for p in result.periods]}
        if "limit_week" in data:
            w = data["limit_week"]
            limit = w.get("equity_limit")
            if limit is None:
                limit = Decimal(answer["equity"]["limit"])
            end = w["start"].replace(year=w["start"].year + 41)
            week = calculator.limit_reached_week(
                opening=w["opening"], start=w["start"], weekly_amount=w["weekly_amount"], equity_limit=limit,
                rates=_rates(w.get("rates"), w["start"], end), convention=calculator.Convention(**w["convention"]),
                interest_counts=w["interest_counts"], fees_count=w["fees_count"],
                fees=[calculator.Movement(m["on"], m["amount"], "fee") for m in w["fees"]], max_weeks=w["max_weeks"])
            answer["limit_week"] = {"week": week.week, "week_starts_on": week.week_starts_on,
                                    "reached_on": week.reached_on,
                                    "counted_then": None if week.counted_then is None else f"{round_money(week.counted_then):.2f}",
                                    "working": week.lines}
        if "contribution" in data:
            c = data["contribution"]
            answer["contribution"] = contribution(weekly_income=c["weekly_income"], weekly_cost=c["weekly_cost"],
                                                  allowance=c.get("disposable_income_allowance"))
        return Response(DpaCalculateOutputSerializer(answer).data)


urlpatterns: list = [
    path("deferred-payments/calculate/", DeferredPaymentsCalculateView.as_view(), name="deferred-payments-calculate"),
]
