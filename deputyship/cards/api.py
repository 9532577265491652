"""The cards part's API, in the ``api`` namespace under ``/api/v1/``.

- ``GET /api/v1/deputyship/cards/``: the prepaid cards of the clients you may see (``?client=``), each with
  its agreed weekly spend, balance as last recorded, holder and agreement, and its latest top-ups."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.cards.choices import CardHolder, TopUpStatus
from deputyship.cards.models import PrepaidCard
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
}


class DeputyshipCardQuerySerializer(serializers.Serializer):
    client = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)


class DeputyshipCardTopUpSerializer(serializers.Serializer):
    week_of = serializers.DateField()
    balance_before = MoneyField()
    amount = MoneyField()
    status = serializers.ChoiceField(choices=TopUpStatus.choices)
    payment = serializers.IntegerField(source="payment_id", allow_null=True)
    note = serializers.CharField()


class DeputyshipCardOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    provider = serializers.CharField()
    last_four = serializers.CharField()
    holder = serializers.ChoiceField(choices=CardHolder.choices)
    holder_name = serializers.CharField()
    agreement = serializers.IntegerField(source="agreement_id", allow_null=True)
    weekly_spend = MoneyField()
    balance = MoneyField()
    balance_on = serializers.DateField(allow_null=True)
    issued_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    topups = serializers.SerializerMethodField()

    def get_topups(self, card) -> list[dict]:
        return DeputyshipCardTopUpSerializer(card.topups.order_by("-week_of")[:8], many=True).data


class DeputyshipCardListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="Prepaid cards", parameters=[DeputyshipCardQuerySerializer],
                   responses={200: DeputyshipCardOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request):
        query = DeputyshipCardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        cards = PrepaidCard.objects.filter(client__in=clients_visible_to(user=request.user))
        if query.validated_data.get("client"):
            cards = cards.filter(client_id=query.validated_data["client"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(cards.order_by("client_id", "-issued_on", "-id"), request, view=self)
        return paginator.get_paginated_response(DeputyshipCardOutputSerializer(page, many=True).data)


urlpatterns: list = [
    path("deputyship/cards/", DeputyshipCardListView.as_view(), name="deputyship-cards"),
]
