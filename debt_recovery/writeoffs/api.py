"""The write-off API, with the same rules as the pages.

``GET /api/v1/debt-recovery/write-offs/`` lists the write-offs of the clients you may see (``?status=``
narrows); ``POST`` recommends one. ``GET .../write-offs/{id}/`` reads one; ``POST .../{id}/approve/``,
``.../reject/`` and ``.../reinstate/`` decide and reverse it. Whoever recommended a write-off is refused
(403) on approve and reject.
"""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from debt_recovery.accounts.selectors import access_debtor_account
from debt_recovery.writeoffs import selectors, services
from debt_recovery.writeoffs.choices import WriteOffReason, WriteOffStatus
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not yours to do: for example you recommended it "
                                                      "(`permission_denied`) or it is above your authority "
                                                      "(`no_authority`)."),
    404: OpenApiResponse(ErrorSerializer, description="No such write-off, or not one you may see."),
}


class WriteOffOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    debtor_reference = serializers.CharField(source="debtor.reference")
    amount = MoneyField()
    reason = serializers.ChoiceField(choices=WriteOffReason.choices)
    note = serializers.CharField()
    level_required = serializers.CharField()
    status = serializers.ChoiceField(choices=WriteOffStatus.choices)
    batch = serializers.CharField()
    recommended_by = serializers.CharField(source="recommended_by.get_username")
    recommended_at = serializers.DateTimeField()
    decided_by = serializers.CharField(source="decided_by.get_username", allow_null=True, default=None)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    transaction = serializers.IntegerField(source="transaction_id", allow_null=True)
    reversal = serializers.IntegerField(source="reversal_id", allow_null=True)


class WriteOffQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=WriteOffStatus.choices, required=False)


class RecommendInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    amount = MoneyField(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"))
    reason = serializers.ChoiceField(choices=WriteOffReason.choices)
    note = serializers.CharField(max_length=4000)


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class RejectInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000)


class ReinstateInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


def _valid(serializer_class, data) -> dict:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return given.validated_data


class WriteOffListView(APIView):
    rules = {"read": "debt_recovery.view_writeoffs", "write": "debt_recovery.work_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="Write-offs you may see", parameters=[WriteOffQuerySerializer],
                   responses={200: WriteOffOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = _valid(WriteOffQuerySerializer, request.query_params)
        found = selectors.writeoffs_visible_to(user=request.user).order_by("pk")
        if "status" in query:
            found = found.filter(status=query["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(WriteOffOutputSerializer(page, many=True).data)

    @extend_schema(tags=["Debt recovery"], summary="Recommend a write-off", request=RecommendInputSerializer,
                   description="Recommend writing off part or all of a debtor's balance, with a reason. It waits "
                               "for someone else with the authority for the amount.",
                   responses={201: WriteOffOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = _valid(RecommendInputSerializer, request.data)
        debtor = access_debtor_account(user=request.user, pk=data.pop("debtor"))
        writeoff = services.writeoff_recommend(acting_user=request.user, debtor=debtor, **data)
        return Response(WriteOffOutputSerializer(writeoff).data, status=201)


class _OneWriteOff(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_writeoff"):
            self._writeoff = selectors.access_writeoff(user=self.request.user, pk=self.kwargs["id"])
        return self._writeoff


class WriteOffDetailView(_OneWriteOff):
    rules = {"read": "debt_recovery.view_client_debts"}

    @extend_schema(tags=["Debt recovery"], summary="A write-off", responses={200: WriteOffOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(WriteOffOutputSerializer(self.get_rule_object()).data)


class WriteOffApproveView(_OneWriteOff):
    rules = {"write": "debt_recovery.decide_writeoff"}

    @extend_schema(tags=["Debt recovery"], summary="Approve a write-off", request=NoteInputSerializer,
                   description="Approve and post it to the ledger (bad debt expense debited, the debtor's "
                               "receivable credited). Refused to whoever recommended it.",
                   responses={200: WriteOffOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = _valid(NoteInputSerializer, request.data)
        done = services.writeoff_approve(acting_user=request.user, writeoff=self.get_rule_object(), note=data["note"])
        return Response(WriteOffOutputSerializer(done).data)


class WriteOffRejectView(_OneWriteOff):
    rules = {"write": "debt_recovery.decide_writeoff"}

    @extend_schema(tags=["Debt recovery"], summary="Do not approve a write-off", request=RejectInputSerializer,
                   responses={200: WriteOffOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = _valid(RejectInputSerializer, request.data)
        done = services.writeoff_reject(acting_user=request.user, writeoff=self.get_rule_object(), note=data["note"])
        return Response(WriteOffOutputSerializer(done).data)


class WriteOffReinstateView(_OneWriteOff):
    rules = {"write": "debt_recovery.work_client"}

    @extend_schema(tags=["Debt recovery"], summary="Reinstate a written-off debt", request=ReinstateInputSerializer,
                   description="Reverse the write-off's ledger transaction today, so the debt is owed again.",
                   responses={200: WriteOffOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = _valid(ReinstateInputSerializer, request.data)
        done = services.writeoff_reinstate(acting_user=request.user, writeoff=self.get_rule_object(),
                                           reason=data["reason"])
        return Response(WriteOffOutputSerializer(done).data)
