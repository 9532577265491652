"""The API of direct debits.

- ``GET /api/v1/debt-recovery/direct-debits/``: the Direct Debit Instructions on the debts you may see
  (``?debtor=``, ``?awaiting_lodgement=true``); ``POST`` sets one up (the debt recovery team holding the client).
- ``GET /api/v1/debt-recovery/direct-debits/{id}/``: one, with its collections;
  ``POST .../cancel/`` cancels it, with a reason.
- ``GET /api/v1/debt-recovery/direct-debit-runs/``: the daily runs and their Bacs files;
  ``GET /api/v1/debt-recovery/direct-debit-files/{id}/``: one file with its Standard 18 content.

Account numbers are shown masked. A mandate of a client you may not see is a 404, like one that does not
exist.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from debt_recovery.accounts.selectors import access_debtor_account
from debt_recovery.directdebits import selectors, services
from debt_recovery.directdebits.choices import (
    AmountBasis,
    AuddisState,
    BacsFileKind,
    CollectionStatus,
    Frequency,
    MandateOrigin,
    MandateStatus,
    TransactionCode,
)
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
    404: OpenApiResponse(ErrorSerializer, description="No such record, or not one you may see."),
}


class MandateQuerySerializer(serializers.Serializer):
    debtor = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)
    awaiting_lodgement = serializers.BooleanField(required=False, default=False)


class MandateInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    payer_name = serializers.CharField(max_length=200)
    sort_code = serializers.CharField(max_length=8, help_text="Six digits; dashes and spaces are ignored.")
    account_number = serializers.CharField(max_length=10)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    amount_basis = serializers.ChoiceField(choices=AmountBasis.choices)
    regular_amount = MoneyField(required=False, allow_null=True, default=None)
    signed_on = serializers.DateField()
    first_collection_on = serializers.DateField()
    origin = serializers.ChoiceField(choices=MandateOrigin.choices, default=MandateOrigin.NEW)
    reference = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CollectionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mandate = serializers.IntegerField(source="mandate_id")
    due_on = serializers.DateField()
    amount = MoneyField()
    transaction_code = serializers.ChoiceField(choices=TransactionCode.choices)
    status = serializers.ChoiceField(choices=CollectionStatus.choices)
    notice = serializers.IntegerField(source="notice_id", allow_null=True)
    notice_sent_on = serializers.DateField(allow_null=True)
    bacs_file = serializers.IntegerField(source="bacs_file_id", allow_null=True)
    payment = serializers.IntegerField(source="payment_id", allow_null=True)


class MandateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    payer_name = serializers.CharField()
    sort_code = serializers.CharField()
    account_number = serializers.CharField(source="account_number_masked")
    service_user_number = serializers.CharField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=MandateStatus.choices)
    auddis_state = serializers.ChoiceField(choices=AuddisState.choices)
    origin = serializers.ChoiceField(choices=MandateOrigin.choices)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    amount_basis = serializers.ChoiceField(choices=AmountBasis.choices)
    regular_amount = MoneyField(allow_null=True)
    signed_on = serializers.DateField()
    first_collection_on = serializers.DateField()
    lodged_on = serializers.DateField(allow_null=True)
    confirmation = serializers.IntegerField(source="confirmation_id", allow_null=True)


class MandateDetailOutputSerializer(MandateOutputSerializer):
    collections = CollectionOutputSerializer(many=True)


class BacsFileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=BacsFileKind.choices)
    processing_date = serializers.DateField()
    serial = serializers.CharField()
    record_count = serializers.IntegerField()
    total = MoneyField()
    sha256 = serializers.CharField()


class BacsFileDetailOutputSerializer(BacsFileOutputSerializer):
    content = serializers.CharField()


class RunOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    run_on = serializers.DateField()
    instructions = serializers.IntegerField()
    scheduled = serializers.IntegerField()
    submitted = serializers.IntegerField()
    collected = serializers.IntegerField()
    files = BacsFileOutputSerializer(many=True)


class MandateListView(APIView):
    rules = {"read": "debt_recovery.view_direct_debits", "write": "debt_recovery.work_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="Direct Debit Instructions", parameters=[MandateQuerySerializer],
                   responses={200: MandateOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = MandateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = (selectors.awaiting_lodgement(user=request.user) if query.validated_data["awaiting_lodgement"]
                 else selectors.mandates_visible_to(user=request.user))
        if "debtor" in query.validated_data:
            found = found.filter(debtor_id=query.validated_data["debtor"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found.order_by("-created_at", "-id"), request, view=self)
        return paginator.get_paginated_response(MandateOutputSerializer(page, many=True).data)

    @extend_schema(tags=["Debt recovery"], summary="Set up a direct debit", request=MandateInputSerializer,
                   description="Record a Direct Debit Instruction: lodged with the payer's bank in the next AUDDIS "
                               "file; the payer is sent the confirmation with the Direct Debit Guarantee.",
                   responses={201: MandateOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        given = MandateInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        debtor = access_debtor_account(user=request.user, pk=data.pop("debtor"))
        mandate = services.mandate_create(acting_user=request.user, debtor=debtor, **data)
        return Response(MandateOutputSerializer(mandate).data, status=201)


class _MandateInUrl:
    def get_rule_object(self):
        if not hasattr(self, "_mandate"):
            self._mandate = selectors.access_mandate(user=self.request.user, pk=self.kwargs["id"])
        return self._mandate.debtor


class MandateDetailView(_MandateInUrl, APIView):
    rules = {"read": "debt_recovery.view_client_debts"}

    @extend_schema(tags=["Debt recovery"], summary="A Direct Debit Instruction and its collections",
                   responses={200: MandateDetailOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        self.get_rule_object()
        return Response(MandateDetailOutputSerializer(self._mandate).data)


class MandateCancelView(_MandateInUrl, APIView):
    rules = {"write": "debt_recovery.work_client"}

    @extend_schema(tags=["Debt recovery"], summary="Cancel a direct debit", request=CancelInputSerializer,
                   responses={200: MandateOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = CancelInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        self.get_rule_object()
        mandate = services.mandate_cancel(acting_user=request.user, mandate=self._mandate,
                                          reason=given.validated_data["reason"])
        return Response(MandateOutputSerializer(mandate).data)


class RunListView(APIView):
    rules = {"read": "debt_recovery.view_direct_debits"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="Direct debit runs and their Bacs files",
                   responses={200: RunOutputSerializer(many=True), 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.collection_runs(), request, view=self)
        return paginator.get_paginated_response(RunOutputSerializer(page, many=True).data)


class BacsFileView(APIView):
    rules = {"read": "debt_recovery.view_direct_debits"}

    @extend_schema(tags=["Debt recovery"], summary="A Bacs file with its Standard 18 content",
                   responses={200: BacsFileDetailOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(BacsFileDetailOutputSerializer(selectors.access_bacs_file(pk=id)).data)
