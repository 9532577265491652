"""The sales API, with the same rules as the pages.

``GET /api/v1/properties/sales/`` lists the sales of homes of clients you may see; ``POST`` starts one on
a home, refused (400, ``authority``) with the authority check's reason when the council may not sell.
``GET .../sales/{id}/`` reads one with its offers.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from ledger.api.serializers import MoneyField
from properties.repairs.api import ERRORS, valid
from properties.repairs.selectors import access_home
from properties.sale import selectors, services
from properties.sale.choices import OfferStatus, SaleStatus


class PropertySaleOfferOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    buyer = serializers.CharField()
    amount = MoneyField()
    made_on = serializers.DateField()
    status = serializers.ChoiceField(choices=OfferStatus.choices)


class PropertySaleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    home = serializers.IntegerField(source="home_id")
    client = serializers.IntegerField(source="home.client_id")
    status = serializers.ChoiceField(choices=SaleStatus.choices)
    authority_reason = serializers.CharField()
    court_applied_on = serializers.DateField(allow_null=True)
    court_granted_on = serializers.DateField(allow_null=True)
    court_permission_reference = serializers.CharField()
    agent = serializers.CharField()
    asking_price = MoneyField(allow_null=True)
    on_market_on = serializers.DateField(allow_null=True)
    solicitor = serializers.CharField()
    exchanged_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    net_proceeds = MoneyField(allow_null=True)
    last_progress_on = serializers.DateField()
    offers = PropertySaleOfferOutputSerializer(many=True, source="offers.all")


class PropertySaleStartInputSerializer(serializers.Serializer):
    home = serializers.IntegerField(min_value=1, max_value=2_147_483_647)


class SaleListView(APIView):
    rules = {"read": "properties.view_any", "write": "properties.work_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Properties"], summary="Sales you may see",
                   responses={200: PropertySaleOutputSerializer(many=True), 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        found = selectors.sales_visible_to(user=request.user).prefetch_related("offers").order_by("pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(PropertySaleOutputSerializer(page, many=True).data)

    @extend_schema(tags=["Properties"], summary="Start selling a home", request=PropertySaleStartInputSerializer,
                   description="Checks the authority to sell first: without it, refused with the reason.",
                   responses={201: PropertySaleOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = valid(PropertySaleStartInputSerializer, request.data)
        home = access_home(user=request.user, pk=data["home"])
        sale = services.sale_start(acting_user=request.user, home=home)
        return Response(PropertySaleOutputSerializer(sale).data, status=201)


class SaleDetailView(APIView):
    rules = {"read": "properties.view_client"}

    def get_rule_object(self):
        if not hasattr(self, "_sale"):
            self._sale = selectors.access_sale(user=self.request.user, pk=self.kwargs["id"])
        return self._sale

    @extend_schema(tags=["Properties"], summary="A sale", responses={200: PropertySaleOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(PropertySaleOutputSerializer(self.get_rule_object()).data)


urlpatterns: list = [
    path("properties/sales/", SaleListView.as_view(), name="properties-sales"),
    path("properties/sales/<int:id>/", SaleDetailView.as_view(), name="properties-sale"),
]
