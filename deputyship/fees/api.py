"""The fees part's API, in the ``api`` namespace under ``/api/v1/``, with the same rules as the pages.

``GET /api/v1/deputyship/fees/`` lists the fees charged to the clients you may see; ``GET
.../fees/rates/`` the rate table with its history and sources.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.fees import selectors
from deputyship.fees.choices import FeeKind, FeeStatus
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input (for example `limit` or `offset`): `errors` names "
                                                      "each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not for you: this is the client affairs team's work."),
}


class DeputyshipFeeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    client_reference = serializers.CharField(source="client.council_reference")
    order_reference = serializers.CharField(source="authority.reference")
    kind = serializers.ChoiceField(choices=FeeKind.choices)
    year = serializers.IntegerField()
    due_on = serializers.DateField()
    charged_on = serializers.DateField()
    amount = MoneyField()
    status = serializers.ChoiceField(choices=FeeStatus.choices)
    explanation = serializers.ListField(child=serializers.CharField())
    transaction = serializers.IntegerField(source="transaction_id")
    reversal = serializers.IntegerField(source="reversal_id", allow_null=True)


class DeputyshipFeeRateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=FeeKind.choices)
    amount = MoneyField()
    effective_from = serializers.DateField()
    source = serializers.CharField()


class DeputyshipFeeListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="Deputyship fees charged",
                   responses={200: DeputyshipFeeOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        found = selectors.charges_visible_to(user=request.user).order_by("pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(DeputyshipFeeOutputSerializer(page, many=True).data)


class DeputyshipFeeRateListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="The fee rate table, with its history",
                   responses={200: DeputyshipFeeRateOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        found = selectors.rates_with_history().order_by("kind", "effective_from", "pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(DeputyshipFeeRateOutputSerializer(page, many=True).data)


urlpatterns = [
    path("deputyship/fees/", DeputyshipFeeListView.as_view(), name="deputyship-fees"),
    path("deputyship/fees/rates/", DeputyshipFeeRateListView.as_view(), name="deputyship-fee-rates"),
]
