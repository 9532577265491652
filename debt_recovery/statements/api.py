"""The statement run's API (read only): ``GET /api/v1/debt-recovery/statement-runs/`` and
``.../statement-runs/{id}/`` (the runs and their progress, for the debt recovery team), and
``GET /api/v1/debt-recovery/statements/`` and ``.../statements/{id}/`` (the statements of the debtors you
may see; ``?run=``, ``?debtor=`` narrow the list). A statement of a debtor you may not see is a 404, like
one that does not exist. Separate output serializers; the same rules as the pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from debt_recovery.statements.choices import RunStatus
from debt_recovery.statements.selectors import (
    access_statement,
    access_statement_run,
    run_progress,
    statement_runs,
    statements_visible_to,
)
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.api.views import BAD_QUERY

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one you may see.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed.")


class DebtStatementRunOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField(help_text="The charging period, e.g. 2026-P08.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    status = serializers.ChoiceField(choices=RunStatus.choices)
    debtors = serializers.IntegerField(help_text="Debtors with a balance or activity in the period.")
    statements_made = serializers.IntegerField()
    letters_ready = serializers.IntegerField()
    without_letter = serializers.IntegerField()
    percent = serializers.IntegerField()
    print_file = serializers.IntegerField(allow_null=True, help_text="The print file's document id, once complete.")
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(allow_blank=True)


def _run_out(run) -> dict:
    progress = run_progress(run)
    return {"id": run.pk, "period": run.period, "period_start": run.period_start, "period_end": run.period_end,
            "status": run.status, "debtors": progress["debtors"], "statements_made": progress["made"],
            "letters_ready": progress["rendered"], "without_letter": progress["without_letter"],
            "percent": progress["percent"], "print_file": run.print_file_id, "started_at": run.started_at,
            "finished_at": run.finished_at, "error": run.error}


class DebtStatementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    run = serializers.IntegerField(source="run_id")
    debtor = serializers.IntegerField(source="debtor_id")
    debtor_reference = serializers.CharField(source="debtor.reference")
    period = serializers.CharField()
    period_start = serializers.DateField()
    opening_balance = MoneyField(help_text="Owed at the start of the period (negative: in credit).")
    charges = MoneyField()
    payments = MoneyField(help_text="Payments received in the period, a positive sum.")
    adjustments = MoneyField(help_text="Reversals, write-offs and anything else in the period (signed).")
    closing_balance = MoneyField()
    document = serializers.IntegerField(source="document_id", allow_null=True,
                                        help_text="The letter (GET /documents/{id}/download/ once ready).")
    letter_ready = serializers.SerializerMethodField()
    no_letter_reason = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()

    def get_letter_ready(self, statement) -> bool:
        return statement.document is not None and statement.document.is_ready


class DebtStatementQuerySerializer(serializers.Serializer):
    run = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)
    debtor = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)


class StatementRunListView(APIView):
    rules = {"read": "debt_recovery.view_statements"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="Statement runs",
                   description="Every four-weekly statement run, newest period first, with its progress.",
                   responses={200: DebtStatementRunOutputSerializer(many=True), 400: BAD_QUERY, 403: FORBIDDEN})
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(statement_runs(), request, view=self)
        return paginator.get_paginated_response(DebtStatementRunOutputSerializer([_run_out(r) for r in page], many=True).data)


class StatementRunDetailView(APIView):
    rules = {"read": "debt_recovery.view_statements"}

    @extend_schema(tags=["Debt recovery"], summary="A statement run and its progress",
                   responses={200: DebtStatementRunOutputSerializer, 403: FORBIDDEN, 404: NOT_FOUND})
    def get(self, request: Request, id: int) -> Response:
        return Response(DebtStatementRunOutputSerializer(_run_out(access_statement_run(pk=id))).data)


class StatementListView(APIView):
    rules = {"read": "people.use_service"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="Statements you may see",
                   description="Statements of account of the debtors of the clients you may see, newest period "
                               "first. Money is a string with two decimal places.",
                   parameters=[DebtStatementQuerySerializer],
                   responses={200: DebtStatementOutputSerializer(many=True), 400: BAD_QUERY, 403: FORBIDDEN})
    def get(self, request: Request) -> Response:
        given = DebtStatementQuerySerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        statements = statements_visible_to(user=request.user).order_by("-period_start", "debtor__reference")
        if "run" in given.validated_data:
            statements = statements.filter(run_id=given.validated_data["run"])
        if "debtor" in given.validated_data:
            statements = statements.filter(debtor_id=given.validated_data["debtor"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(statements, request, view=self)
        return paginator.get_paginated_response(DebtStatementOutputSerializer(page, many=True).data)


class StatementDetailView(APIView):
    rules = {"read": "debt_recovery.view_client_debts"}

    def get_rule_object(self):
        if not hasattr(self, "_statement"):
            self._statement = access_statement(user=self.request.user, pk=self.kwargs["id"])
        return self._statement.debtor

    @extend_schema(tags=["Debt recovery"], summary="A statement of account",
                   responses={200: DebtStatementOutputSerializer, 403: FORBIDDEN, 404: NOT_FOUND})
    def get(self, request: Request, id: int) -> Response:
        self.get_rule_object()
        return Response(DebtStatementOutputSerializer(self._statement).data)
