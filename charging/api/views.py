"""The charging API: the what-if calculator.

``POST /api/v1/charging/calculate/`` runs :func:`charging.calculator.assess` on the circumstances
sent, with the rates in force on ``assessment_date`` (:func:`charging.selectors.rates_in_force`), and
answers with the full working. Nothing is saved: no assessment, no history, no audit row. It is a
POST only because the input is a document too large and nested for a query string; it is a read.
See ``docs/charging-calculate-api.md`` for the input, a worked example and the errors.

**Who may use it.** Anyone signed in with a role, auditors included: an auditor re-working a charge
is exactly the check they are there to make, and the endpoint writes nothing (the tests hold every
table's row count and every query to a ``SELECT``). So the view answers as ``RolePermission`` does
for a read, and ``core.middleware.ReadOnlyRoleMiddleware`` lists the path as an allowed write.

**Errors** (the one shape of ``core.api.exception_handler``):

- 400 ``invalid``: bad input; ``errors`` names each bad field by its path, e.g. ``income[2].weekly``,
  ``property_disregard.admission_date``, ``couple.partner_income[0].kind``;
- 400 ``invalid_assessment``: the calculator refused the facts as given (a sentence says why);
- 422 ``missing_rate``: no rate in force on ``assessment_date`` for a figure these circumstances
  need; ``errors.rates`` lists each missing rate code and the message names each rate. 422, not 400:
  the input is well formed and nothing in it is wrong; the council's rate table lacks a figure (an
  administrator adds it), and the calculator never guesses one. Not the calculator's own 409 either:
  nothing conflicts with anything.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from charging.api.serializers import CalculateInputSerializer, CalculateOutputSerializer
from charging.calculator import MissingRate, assess
from charging.selectors import rates_in_force
from core.exceptions import ApplicationError
from core.permissions import RolePermission
from core.roles import Role, has_role
from people.api.serializers import ErrorSerializer

CALCULATE_PATH = "/api/v1/charging/calculate/"


class ReadOnlyPostPermission(RolePermission):
    """:class:`RolePermission` as for a read, for a POST that writes nothing: signed in, with a role
    (auditors included)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return user.is_superuser or any(has_role(user, role) for role in Role)


def error_paths(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors flattened to one list per field path: ``income[2].weekly``."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            flat.update(error_paths(value, path))
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):  # the messages of one field
            return {prefix or "non_field_errors": [str(item) for item in detail]} if detail else {}
        flat = {}
        for index, item in enumerate(detail):  # a list serializer's errors, one entry per item
            flat.update(error_paths(item, f"{prefix}[{index}]"))
        return flat
    return {prefix or "non_field_errors": [str(detail)]}


def _missing_rate(exc: MissingRate) -> ApplicationError:
    refusal = ApplicationError(exc.message, code=exc.code, extra={"rates": list(exc.codes)})
    refusal.status = status.HTTP_422_UNPROCESSABLE_ENTITY
    return refusal


_EXAMPLE = {
    "setting": "non_residential",
    "assessment_date": "2023-06-01",
    "date_of_birth": "1986-01-01",
    "pension_credit_age": False,
    "weekly_cost_of_care": "454.00",
    "income": [
        {"kind": "esa", "weekly": "225.45"},
        {"kind": "pip_daily_living_enhanced", "weekly": "101.75"},
        {"kind": "pip_mobility_standard", "weekly": "26.90"},
    ],
    "housing_costs": [
        {"description": "Top-up rent", "weekly": "10.00"},
        {"description": "Council tax", "weekly": "6.00"},
        {"description": "Contents insurance", "weekly": "1.27"},
    ],
    "dre_items": [
        {"description": "Cleaner", "weekly": "20.00"},
        {"description": "Mobile phone", "weekly": "2.31"},
        {"description": "Broadband", "weekly": "5.77"},
    ],
    "premiums": {"disability": True, "enhanced_disability": True},
}


class CalculateView(APIView):
    permission_classes = (ReadOnlyPostPermission,)

    @extend_schema(
        tags=["Charging"], summary="Work out a weekly charge (what-if; nothing is saved)",
        description=(
            "Runs the Care Act charging calculator on the circumstances sent, with the rates in force on "
            "`assessment_date`, and answers with every line of the working (label, amount, rule and the rate "
            "used), the totals, the weekly charge, the council's share and the flags. Nothing is saved. "
            "Money is a JSON string with up to two decimal places both ways; a JSON number is refused, "
            "naming the field. Unknown fields are refused. Open to every signed-in role, auditors included. "
            "See docs/charging-calculate-api.md."
        ),
        request=CalculateInputSerializer,
        examples=[OpenApiExample("Devon, Peter (non-residential, 2023/24)", value=_EXAMPLE, request_only=True)],
        responses={
            200: CalculateOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description=(
                "`invalid`: `errors` names each bad field by its path, e.g. `income[2].weekly`. "
                "`invalid_assessment`: the calculator refused the facts as given.")),
            403: OpenApiResponse(ErrorSerializer, description="Not signed in, or no role in the service."),
            422: OpenApiResponse(ErrorSerializer, description=(
                "`missing_rate`: no rate in force on `assessment_date` for a figure these circumstances need; "
                "`errors.rates` lists the rate codes and the message names each.")),
        },
    )
    def post(self, request: Request) -> Response:
        given = CalculateInputSerializer(data=request.data)
        if not given.is_valid():
            raise ValidationError(error_paths(given.errors))
        inp = given.build(given.validated_data)
        try:
            result = assess(inp, rates_in_force(inp.assessment_date))
        except MissingRate as exc:
            raise _missing_rate(exc) from None
        # InvalidAssessment is an ApplicationError (400, ``invalid_assessment``): the handler answers it.
        return Response(CalculateOutputSerializer(result.to_dict()).data)
