"""The charging API: the what-if calculator and financial assessments.

``POST /api/v1/charging/calculate/`` runs :func:`charging.assessments.calculator.assess` on the circumstances
sent, with the rates in force on ``assessment_date`` (:func:`charging.selectors.rates_in_force`), and
answers with the full working. Nothing is saved: no assessment, no history, no audit row. It is a
POST only because the input is a document too large and nested for a query string; it is a read.
See ``docs/charging-calculate-api.md`` for the input, a worked example and the errors.

**Who may use it.** Anyone signed in with a role, auditors included: an auditor re-working a charge
is exactly the check they are there to make, and the endpoint writes nothing (the tests hold every
table's row count and every query to a ``SELECT``). So its rule (``charging.calculate``) lets every
role in, and ``core.middleware.ReadOnlyRoleMiddleware`` lists the path as an allowed write.

**Errors** (the one shape of ``core.api.exception_handler``):

- 400 ``invalid``: bad input; ``errors`` names each bad field by its path, e.g. ``income[2].weekly``,
  ``property_disregard.admission_date``, ``couple.partner_income[0].kind``;
- 400 ``invalid_assessment``: the calculator refused the facts as given (a sentence says why);
- 400 ``parse_error``: the body is not JSON; ``errors.non_field_errors`` holds the parser's message;
- 415 ``unsupported_media_type``: the body is not ``application/json``. JSON only, as for the
  assessments below: a form-encoded body cannot carry the nested fields (``premiums``, ``couple``,
  lists), and a parser that silently drops them gives a wrong charge that looks right;
- 403 ``csrf_failed``: signed in by session without the CSRF token (``core.api``);
- 422 ``missing_rate``: no rate in force on ``assessment_date`` for a figure these circumstances
  need; ``errors.rates`` lists each missing rate code and the message names each rate. 422, not 400:
  the input is well formed and nothing in it is wrong; the council's rate table lacks a figure (an
  administrator adds it), and the calculator never guesses one. Not the calculator's own 409 either:
  nothing conflicts with anything.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from charging import services
from charging.api.serializers import (
    AssessmentActionInputSerializer,
    AssessmentCreateInputSerializer,
    AssessmentInputsSerializer,
    AssessmentOutputSerializer,
    AssessmentReturnInputSerializer,
    AssessmentUpdateInputSerializer,
    CalculateInputSerializer,
    CalculateOutputSerializer,
    PolicyOverrideInputSerializer,
    RatesInForceOutputSerializer,
    RatesInForceQuerySerializer,
)
from charging.assessments.calculator import NATIONAL_RATE_CODES, MissingRate, assess
from charging.assessments.choices import AssessmentStatus
from charging.models import Assessment
from charging.selectors import (
    access_assessment,
    access_care_package,
    assessments_visible_to,
    policy_in_force,
    rates_in_force,
)
from core.exceptions import ApplicationError
from people.selectors import today
from people.api.serializers import ErrorSerializer
from people.api.views import BAD_QUERY

CALCULATE_PATH = "/api/v1/charging/calculate/"


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
    parser_classes = [JSONParser]  # nested input: form-encoded is a 415, never half-read
    rules = {"write": "charging.calculate"}  # a POST that writes nothing: auditors may use it too

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
                "`invalid_assessment`: the calculator refused the facts as given. "
                "`parse_error`: the body is not JSON.")),
            403: OpenApiResponse(ErrorSerializer, description=(
                "Not signed in, or no role in the service; `csrf_failed`: signed in by session without the "
                "CSRF token.")),
            415: OpenApiResponse(ErrorSerializer, description="`unsupported_media_type`: send `application/json`."),
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
        policy = policy_in_force(inp.assessment_date)
        if "policy" in given.validated_data:
            policy = PolicyOverrideInputSerializer().apply(policy, given.validated_data["policy"])
        try:
            result = assess(inp, rates_in_force(inp.assessment_date), policy)
        except MissingRate as exc:
            raise _missing_rate(exc) from None
        # InvalidAssessment is an ApplicationError (400, ``invalid_assessment``): the handler answers it.
        return Response(CalculateOutputSerializer(result.to_dict()).data)


# --- assessments -------------------------------------------------------------------------------------

ERRORS_READ = {
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or no role in the service."),
    404: OpenApiResponse(ErrorSerializer, description="No such assessment, or not one you may see."),
}
ERRORS_WRITE = {
    400: OpenApiResponse(ErrorSerializer, description=(
        "`invalid`: `errors` names each bad field by its path, e.g. `inputs.income[2].weekly`. "
        "`invalid_assessment`: the calculator refused the facts. Nothing was written.")),
    403: OpenApiResponse(ErrorSerializer, description=(
        "Not signed in, read-only (auditor), not your client, or (approve) your own assessment.")),
    404: ERRORS_READ[404],
    409: OpenApiResponse(ErrorSerializer, description="`wrong_status`: not in a status that allows this."),
    422: OpenApiResponse(ErrorSerializer, description=(
        "`missing_rate`: no rate in force on the assessment date for a figure these circumstances need; "
        "`errors.rates` lists the codes. Nothing was written.")),
}


def _valid(serializer_class, request: Request) -> dict:
    given = serializer_class(data=request.data)
    if not given.is_valid():
        raise ValidationError(error_paths(given.errors))
    return given.validated_data


def _inputs(data: dict):
    return AssessmentInputsSerializer().build(data["inputs"]) if data.get("inputs") is not None else None


def _care_package(request: Request, pk: int, field: str = "care_package"):
    try:
        return access_care_package(user=request.user, pk=pk)
    except Http404:
        raise ValidationError({field: ["No such care package, or not one you may see."]}) from None


def _service(call):
    """Run a service: a missing rate is a 422 naming the rates; other refusals answer as they are."""
    try:
        return call()
    except MissingRate as exc:
        raise _missing_rate(exc) from None


@extend_schema(tags=["Charging"])
@extend_schema_view(
    list=extend_schema(
        summary="Financial assessments",
        description="Assessments of the clients you may see, newest first. Filter with `client` and `status`.",
        parameters=[OpenApiParameter("client", int, description="A client's id."),
                    OpenApiParameter("status", str, enum=list(AssessmentStatus.values))],
        responses={200: AssessmentOutputSerializer(many=True), 400: BAD_QUERY, **ERRORS_READ},
    ),
    retrieve=extend_schema(summary="A financial assessment, with its stored working",
                           responses={200: AssessmentOutputSerializer, **ERRORS_READ}),
    create=extend_schema(
        summary="Start a financial assessment (a draft)",
        description="Works out the charge with the rates in force on the assessment date and saves the inputs and "
                    "the whole result as a draft. `inputs` is the calculate endpoint's document.",
        request=AssessmentCreateInputSerializer, responses={201: AssessmentOutputSerializer, **ERRORS_WRITE},
    ),
    update=extend_schema(summary="Change a draft (worked out again)", request=AssessmentUpdateInputSerializer,
                         responses={200: AssessmentOutputSerializer, **ERRORS_WRITE}),
    partial_update=extend_schema(summary="Change a draft (worked out again)", request=AssessmentUpdateInputSerializer,
                                 responses={200: AssessmentOutputSerializer, **ERRORS_WRITE}),
)
class AssessmentViewSet(viewsets.GenericViewSet):
    """Financial assessments: draft -> submitted -> approved (by a team leader who did not work it out)
    -> superseded. Money is a string with two decimal places. Another team's client's assessment is a
    404, as if it did not exist; auditors read and never write."""

    serializer_class = AssessmentOutputSerializer
    parser_classes = [JSONParser]  # nested inputs: form-encoded is a 415, never half-read
    # charging.rules; creating checks the care package's client in the service (charging.work_client)
    rules = {
        "list": "people.use_service", "create": "charging.work_any",
        "retrieve": "charging.view_client_charging", "update": "charging.work_client",
        "partial_update": "charging.work_client", "submit": "charging.work_client",
        "approve": "charging.approve_assessment", "return_to_draft": "charging.return_assessment",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        return (assessments_visible_to(user=self.request.user)
                .select_related("assessed_by", "approved_by", "letter").order_by("-assessment_date", "-id"))

    def get_object(self):
        assessment = access_assessment(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, assessment)
        return assessment

    def _out(self, pk) -> dict:
        return AssessmentOutputSerializer(access_assessment(user=self.request.user, pk=pk)).data

    def list(self, request: Request) -> Response:
        queryset = self.get_queryset()
        client, wanted = request.query_params.get("client"), request.query_params.get("status")
        problems = {}
        if client is not None:
            if not client.isdigit():
                problems["client"] = ["Give a client's id, a whole number."]
            else:
                queryset = queryset.filter(client_id=int(client))
        if wanted is not None:
            if wanted not in AssessmentStatus.values:
                problems["status"] = [f"Choose one of: {', '.join(AssessmentStatus.values)}."]
            else:
                queryset = queryset.filter(status=wanted)
        if problems:
            raise ValidationError(problems)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(AssessmentOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(self._out(self.get_object().pk))

    def create(self, request: Request) -> Response:
        data = _valid(AssessmentCreateInputSerializer, request)
        package = _care_package(request, data["care_package"])
        inputs = _inputs(data)
        assessment = _service(lambda: services.assessment_draft_create(
            acting_user=request.user, client=package.client, care_package=package,
            assessment_date=data.get("assessment_date") or inputs.assessment_date, inputs=inputs,
            reason=data["reason"], notes=data["notes"]))
        return Response(self._out(assessment.pk), status=status.HTTP_201_CREATED)

    def update(self, request: Request, pk=None) -> Response:
        assessment = self.get_object()
        data = _valid(AssessmentUpdateInputSerializer, request)
        inputs = _inputs(data)
        package = _care_package(request, data["care_package"]) if "care_package" in data else None
        day = data.get("assessment_date") or (inputs.assessment_date if inputs is not None else None)
        _service(lambda: services.assessment_draft_update(
            acting_user=request.user, assessment=assessment, reason=data["reason"], inputs=inputs,
            assessment_date=day, care_package=package, notes=data.get("notes")))
        return Response(self._out(assessment.pk))

    def partial_update(self, request: Request, pk=None) -> Response:
        return self.update(request, pk=pk)

    @extend_schema(summary="Submit a draft for approval", request=AssessmentActionInputSerializer,
                   responses={200: AssessmentOutputSerializer, **ERRORS_WRITE})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk=None) -> Response:
        assessment = self.get_object()
        data = _valid(AssessmentActionInputSerializer, request)
        services.assessment_submit(acting_user=request.user, assessment=assessment,
                                   **({"reason": data["reason"]} if data.get("reason") else {}))
        return Response(self._out(assessment.pk))

    @extend_schema(summary="Approve a submitted assessment (a team leader who did not work it out)",
                   description="It comes into force from the date the backdating rule gives, replacing the "
                               "client's approved assessment for the same setting, and its letter is made.",
                   request=AssessmentActionInputSerializer, responses={200: AssessmentOutputSerializer, **ERRORS_WRITE})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk=None) -> Response:
        assessment = self.get_object()
        data = _valid(AssessmentActionInputSerializer, request)
        services.assessment_approve(acting_user=request.user, assessment=assessment,
                                    **({"reason": data["reason"]} if data.get("reason") else {}))
        return Response(self._out(assessment.pk))

    @extend_schema(summary="Return a submitted assessment to draft, saying why",
                   request=AssessmentReturnInputSerializer, responses={200: AssessmentOutputSerializer, **ERRORS_WRITE})
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request: Request, pk=None) -> Response:
        assessment = self.get_object()
        data = _valid(AssessmentReturnInputSerializer, request)
        services.assessment_return_to_draft(acting_user=request.user, assessment=assessment, reason=data["reason"])
        return Response(self._out(assessment.pk))


# --- rates in force (``GET /api/v1/charging/rates/?on=YYYY-MM-DD``) ---------------------------------


class RatesInForceView(APIView):
    """Every rate in force on a day, and the national figures the calculator may ask for that have none.

    So an integrator (or a council checking its tables before April) sees a gap before an assessment
    is refused with ``missing_rate``. A read: the rates page's rule (``charging.view_rates``).
    """

    rules = {"read": "charging.view_rates"}

    @extend_schema(
        tags=["Charging"], summary="The rates (and council policy) in force on a day",
        parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="YYYY-MM-DD; today if left out.")],
        responses={200: RatesInForceOutputSerializer,
                   400: OpenApiResponse(ErrorSerializer, description="`invalid`: `on` is not a date."),
                   403: OpenApiResponse(ErrorSerializer, description="Not signed in, or no role.")},
    )
    def get(self, request: Request) -> Response:
        query = RatesInForceQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise ValidationError(error_paths(query.errors))
        on = query.validated_data.get("on") or today()
        rates = rates_in_force(on)
        return Response(RatesInForceOutputSerializer({
            "on": on,
            "rates": {code: value.to_dict() for code, value in sorted(rates.values.items())},
            "missing": [code for code in NATIONAL_RATE_CODES if code not in rates.values],
            "policy": policy_in_force(on).to_dict(),
        }).data)
