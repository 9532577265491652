"""The inventory API, with the same rules as the pages.

``GET /api/v1/properties/inventory-items/`` lists the belongings on inventories of clients you may see
(``?undecided=true``: those without a decision); ``GET .../{id}/`` reads one with its decisions;
``POST .../{id}/decisions/`` records a decision (selling, giving away and disposing of are a team
leader's: 403 otherwise).
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
from properties.clearance import selectors, services
from properties.clearance.choices import Decision, ItemStatus
from properties.repairs.api import ERRORS, valid


class PropertyInventoryDecisionOutputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    decided_by = serializers.CharField(source="decided_by.get_username")
    decided_at = serializers.DateTimeField()
    note = serializers.CharField()


class PropertyInventoryItemOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    clearance = serializers.IntegerField(source="plan_id")
    home = serializers.IntegerField(source="plan.home_id")
    item = serializers.CharField()
    description = serializers.CharField()
    estimated_value = MoneyField()
    photograph = serializers.IntegerField(source="photograph_id", allow_null=True)
    decision = serializers.CharField()
    decided_by = serializers.CharField(source="decided_by.get_username", allow_null=True, default=None)
    decided_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=ItemStatus.choices)
    went_to = serializers.CharField()
    left_on = serializers.DateField(allow_null=True)
    decisions = PropertyInventoryDecisionOutputSerializer(many=True, source="decisions.all")


class PropertyInventoryQuerySerializer(serializers.Serializer):
    undecided = serializers.BooleanField(required=False)


class PropertyInventoryDecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class InventoryItemListView(APIView):
    rules = {"read": "properties.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Properties"], summary="Inventory items you may see",
                   parameters=[PropertyInventoryQuerySerializer],
                   responses={200: PropertyInventoryItemOutputSerializer(many=True), 400: ERRORS[400],
                              403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = valid(PropertyInventoryQuerySerializer, request.query_params)
        found = (selectors.items_without_decision(user=request.user) if query.get("undecided")
                 else selectors.items_visible_to(user=request.user))
        found = found.prefetch_related("decisions__decided_by").order_by("pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(PropertyInventoryItemOutputSerializer(page, many=True).data)


class _OneItem(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_item"):
            self._item = selectors.access_item(user=self.request.user, pk=self.kwargs["id"])
        return self._item


class InventoryItemDetailView(_OneItem):
    rules = {"read": "properties.view_client"}

    @extend_schema(tags=["Properties"], summary="An inventory item with its decisions",
                   responses={200: PropertyInventoryItemOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(PropertyInventoryItemOutputSerializer(self.get_rule_object()).data)


class InventoryItemDecisionView(_OneItem):
    rules = {"write": "properties.decide_item"}

    @extend_schema(tags=["Properties"], summary="Record a decision about an item",
                   request=PropertyInventoryDecisionInputSerializer,
                   responses={201: PropertyInventoryItemOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = valid(PropertyInventoryDecisionInputSerializer, request.data)
        item = services.inventory_item_decide(acting_user=request.user, item=self.get_rule_object(), **data)
        item = selectors.access_item(user=request.user, pk=item.pk)
        return Response(PropertyInventoryItemOutputSerializer(item).data, status=201)


urlpatterns: list = [
    path("properties/inventory-items/", InventoryItemListView.as_view(), name="properties-inventory-items"),
    path("properties/inventory-items/<int:id>/", InventoryItemDetailView.as_view(), name="properties-inventory-item"),
    path("properties/inventory-items/<int:id>/decisions/", InventoryItemDecisionView.as_view(),
         name="properties-inventory-item-decisions"),
]
