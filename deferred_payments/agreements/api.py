"""The deferred payment agreements API, with the same rules as the pages.

``GET /api/v1/deferred-payments/agreements/`` lists the agreements of the clients you may see
(``?status=`` narrows); ``GET .../agreements/{id}/`` reads one with its terms, legal charge and weekly
amounts; ``GET .../agreements/{id}/eligibility/`` gives each test of regulation 2 with why, and the equity
limit with its working; ``GET .../agreements/{id}/settlement/?as_at=`` the settlement figure if paid on
that day, with its working. Nothing here writes.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.pagination import StrictLimitOffsetPagination
from deferred_payments.agreements import selectors
from deferred_payments.agreements.choices import AgreementStatus, Compounding, DayBasis, RateKind
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import today

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="This is not for you (the rule's sentence)."),
    404: OpenApiResponse(ErrorSerializer, description="No such agreement, or not one you may see."),
}
TAGS = ["Deferred payments"]


class DpaCaseChargeSerializer(serializers.Serializer):
    requested_on = serializers.DateField()
    title_number = serializers.CharField()
    registered_on = serializers.DateField(allow_null=True)
    confirmed_on = serializers.DateField(allow_null=True)
    interim_approved_on = serializers.DateField(allow_null=True)


class DpaCaseDeferralSerializer(serializers.Serializer):
    effective_from = serializers.DateField()
    amount = MoneyField()
    source = serializers.CharField()


class DpaCaseAgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    client = serializers.IntegerField(source="client_id")
    home = serializers.CharField(source="home.address", allow_null=True, default=None)
    status = serializers.ChoiceField(choices=AgreementStatus.choices)
    equity_limit = MoneyField(allow_null=True)
    rate_kind = serializers.ChoiceField(choices=RateKind.choices)
    fixed_rate = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)
    compounding = serializers.ChoiceField(choices=Compounding.choices)
    day_basis = serializers.ChoiceField(choices=DayBasis.choices)
    interest_counts_to_limit = serializers.BooleanField()
    fees_count_to_limit = serializers.BooleanField()
    fees = serializers.DictField(child=serializers.CharField())
    offered_on = serializers.DateField(allow_null=True)
    starts_on = serializers.DateField(allow_null=True)
    deferral_allowed_from = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    prepared_by = serializers.CharField(source="prepared_by.get_username")
    approved_by = serializers.CharField(source="approved_by.get_username", allow_null=True, default=None)


class DpaCaseAgreementDetailSerializer(DpaCaseAgreementSerializer):
    legal_charge = DpaCaseChargeSerializer(allow_null=True, default=None)
    weekly_deferrals = DpaCaseDeferralSerializer(many=True, source="weekly_deferrals.all")


class DpaCaseListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AgreementStatus.choices, required=False)


class DpaCaseTestSerializer(serializers.Serializer):
    key = serializers.CharField()
    question = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True)
    why = serializers.CharField()


class DpaCaseEligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    summary = serializers.CharField()
    tests = DpaCaseTestSerializer(many=True)
    equity_limit = MoneyField(allow_null=True)
    equity_limit_working = serializers.ListField(child=serializers.CharField())


class DpaCaseSettlementQuerySerializer(serializers.Serializer):
    as_at = serializers.DateField(required=False, help_text="The day it would be paid (today if not given).")


class DpaCaseSettlementSerializer(serializers.Serializer):
    as_at = serializers.DateField()
    figure = MoneyField()
    posted_balance = MoneyField()
    interest_to_date = MoneyField()
    interest_posted = MoneyField()
    interest_unposted = MoneyField()
    deferred = MoneyField()
    fees = MoneyField()
    payments = MoneyField()
    working = serializers.ListField(child=serializers.CharField(), source="lines")


def _valid(serializer_class, data) -> dict:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return given.validated_data


class AgreementListView(APIView):
    rules = {"read": "deferred_payments.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=TAGS, summary="Deferred payment agreements you may see", parameters=[DpaCaseListQuerySerializer],
                   responses={200: DpaCaseAgreementSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = _valid(DpaCaseListQuerySerializer, request.query_params)
        found = selectors.agreements_visible_to(user=request.user).order_by("pk")
        if "status" in query:
            found = found.filter(status=query["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(DpaCaseAgreementSerializer(page, many=True).data)


class _OneAgreement(APIView):
    rules = {"read": "deferred_payments.view_client"}

    def get_rule_object(self):
        if not hasattr(self, "_agreement"):
            self._agreement = selectors.access_agreement(user=self.request.user, pk=self.kwargs["id"])
        return self._agreement


class AgreementDetailView(_OneAgreement):
    @extend_schema(tags=TAGS, summary="A deferred payment agreement",
                   responses={200: DpaCaseAgreementDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        agreement = self.get_rule_object()
        return Response(DpaCaseAgreementDetailSerializer(agreement).data)


class AgreementEligibilityView(_OneAgreement):
    @extend_schema(tags=TAGS, summary="Eligibility (regulation 2) and the equity limit, with their working",
                   responses={200: DpaCaseEligibilitySerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        from deferred_payments.applications.services import application_eligibility, application_equity_limit

        agreement = self.get_rule_object()
        policy = agreement.policy or selectors.policy_in_force()
        application = selectors.agreement_application(agreement)
        check = application_eligibility(application, policy=policy)
        limit = application_equity_limit(application, policy=policy)
        return Response(DpaCaseEligibilitySerializer({
            "eligible": check.eligible, "summary": check.summary,
            "tests": [{"key": t.key, "question": t.question, "passed": t.passed, "why": t.why} for t in check.tests],
            "equity_limit": limit.limit if limit else None, "equity_limit_working": limit.lines if limit else []}).data)


class AgreementSettlementView(_OneAgreement):
    @extend_schema(tags=TAGS, summary="The settlement figure if paid on a day (writes nothing)",
                   parameters=[DpaCaseSettlementQuerySerializer],
                   responses={200: DpaCaseSettlementSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        from deferred_payments.ending.settlement import SettlementError, settlement_figure

        query = _valid(DpaCaseSettlementQuerySerializer, request.query_params)
        try:
            figure = settlement_figure(self.get_rule_object(), as_at=query.get("as_at") or today())
        except SettlementError as exc:
            raise ApplicationError(str(exc), code="no_figure", extra={"as_at": [str(exc)]}) from exc
        return Response(DpaCaseSettlementSerializer(figure).data)


urlpatterns: list = [
    path("deferred-payments/agreements/", AgreementListView.as_view(), name="deferred-payments-agreements"),
    path("deferred-payments/agreements/<int:id>/", AgreementDetailView.as_view(), name="deferred-payments-agreement"),
    path("deferred-payments/agreements/<int:id>/eligibility/", AgreementEligibilityView.as_view(),
         name="deferred-payments-eligibility"),
    path("deferred-payments/agreements/<int:id>/settlement/", AgreementSettlementView.as_view(),
         name="deferred-payments-settlement"),
]
