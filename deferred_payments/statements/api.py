"""The statements API, with the same rules as the pages.

``GET /api/v1/deferred-payments/agreements/{id}/statements/`` lists an agreement's statements with their
figures (newest first); ``GET .../statements/{id}/`` reads one with its whole working;
``POST .../agreements/{id}/statement-requests/`` records that someone asked for a statement (a task to send it
within 28 days); ``POST .../statement-requests/{id}/issue/`` issues the statement asked for (once: issuing it
again gives the same statement).
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deferred_payments.agreements.api import ERRORS, TAGS
from deferred_payments.agreements.selectors import access_agreement
from deferred_payments.statements import selectors, services
from deferred_payments.statements.choices import RequestStatus, StatementKind
from ledger.api.serializers import MoneyField


class DpaStatementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(source="agreement_id")
    kind = serializers.ChoiceField(choices=StatementKind.choices)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    opening = MoneyField()
    deferred = MoneyField()
    fees = MoneyField()
    interest = MoneyField()
    payments = MoneyField()
    other = MoneyField()
    closing = MoneyField()
    equity_limit = MoneyField(allow_null=True)
    equity_remaining = MoneyField(allow_null=True)
    document = serializers.IntegerField(source="document_id", allow_null=True)
    created_at = serializers.DateTimeField()


class DpaStatementDetailSerializer(DpaStatementSerializer):
    figures = serializers.JSONField(help_text="The whole calculation as the letter shows it: interest by rate "
                                              "period, each movement, the equity remaining.")


class DpaStatementRequestInputSerializer(serializers.Serializer):
    requested_on = serializers.DateField(help_text="The day the statement was asked for.")
    requested_by_name = serializers.CharField(max_length=200, help_text="Who asked: the person, their son...")


class DpaStatementRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(source="agreement_id")
    requested_on = serializers.DateField()
    requested_by_name = serializers.CharField()
    due_by = serializers.DateField(help_text="28 days after it was asked for.")
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    task = serializers.IntegerField(source="task_id")


class AgreementStatementListView(APIView):
    rules = {"read": "deferred_payments.view_client"}
    pagination_class = StrictLimitOffsetPagination

    def get_rule_object(self):
        if not hasattr(self, "_agreement"):
            self._agreement = access_agreement(user=self.request.user, pk=self.kwargs["id"])
        return self._agreement

    @extend_schema(tags=TAGS, summary="An agreement's statements, with their figures",
                   responses={200: DpaStatementSerializer(many=True), 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        found = self.get_rule_object().statements.order_by("-period_end", "-pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(DpaStatementSerializer(page, many=True).data)


class StatementDetailView(APIView):
    rules = {"read": "deferred_payments.view_client"}

    def get_rule_object(self):
        if not hasattr(self, "_statement"):
            self._statement = selectors.access_statement(user=self.request.user, pk=self.kwargs["id"])
        return self._statement

    @extend_schema(tags=TAGS, summary="A statement with its whole working",
                   responses={200: DpaStatementDetailSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(DpaStatementDetailSerializer(self.get_rule_object()).data)


class StatementRequestCreateView(APIView):
    rules = {"write": "deferred_payments.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_agreement"):
            self._agreement = access_agreement(user=self.request.user, pk=self.kwargs["id"])
        return self._agreement

    @extend_schema(tags=TAGS, summary="Record a request for a statement (to be sent within 28 days)",
                   request=DpaStatementRequestInputSerializer,
                   responses={201: DpaStatementRequestSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DpaStatementRequestInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        made = services.statement_request(acting_user=request.user, agreement=self.get_rule_object(),
                                          **given.validated_data)
        return Response(DpaStatementRequestSerializer(made).data, status=status.HTTP_201_CREATED)


class StatementRequestIssueView(APIView):
    rules = {"write": "deferred_payments.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_request"):
            self._request = selectors.access_request(user=self.request.user, pk=self.kwargs["id"])
        return self._request

    @extend_schema(tags=TAGS, summary="Issue the statement asked for", request=None,
                   responses={200: DpaStatementDetailSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        made = services.statement_issue(acting_user=request.user, request=self.get_rule_object())
        return Response(DpaStatementDetailSerializer(made).data)


urlpatterns: list = [
    path("deferred-payments/agreements/<int:id>/statements/", AgreementStatementListView.as_view(),
         name="deferred-payments-statements"),
    path("deferred-payments/statements/<int:id>/", StatementDetailView.as_view(), name="deferred-payments-statement"),
    path("deferred-payments/agreements/<int:id>/statement-requests/", StatementRequestCreateView.as_view(),
         name="deferred-payments-statement-request"),
    path("deferred-payments/statement-requests/<int:id>/issue/", StatementRequestIssueView.as_view(),
         name="deferred-payments-statement-issue"),
]
