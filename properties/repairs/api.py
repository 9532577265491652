"""The repairs API, with the same rules as the pages.

``GET /api/v1/properties/repairs/`` lists the repairs to homes of clients you may see (``?status=``
narrows); ``POST`` reports one. ``GET .../repairs/{id}/`` reads one with its quotes; ``POST
.../{id}/approve/`` gives the second person's approval (refused, 403, to whoever asked for it).
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from properties.repairs import selectors, services
from properties.repairs.choices import RepairStatus, Urgency

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field, or the refusal."),
    403: OpenApiResponse(ErrorSerializer, description="Not yours to do (for example you asked for this approval)."),
    404: OpenApiResponse(ErrorSerializer, description="No such record, or not one you may see."),
}


def valid(serializer_class, data) -> dict:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return given.validated_data


class PropertyRepairQuoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    trades_person = serializers.CharField()
    amount = MoneyField()
    quoted_on = serializers.DateField()
    chosen = serializers.BooleanField()


class PropertyRepairOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    home = serializers.IntegerField(source="home_id")
    client = serializers.IntegerField(source="home.client_id")
    what = serializers.CharField()
    reported_on = serializers.DateField()
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    reported_by = serializers.CharField()
    due_by = serializers.DateField()
    status = serializers.ChoiceField(choices=RepairStatus.choices)
    approval_amount = MoneyField(allow_null=True)
    approval_threshold = MoneyField(allow_null=True)
    approval_requested_by = serializers.CharField(source="approval_requested_by.get_username", allow_null=True,
                                                  default=None)
    approved_by = serializers.CharField(source="approved_by.get_username", allow_null=True, default=None)
    completed_on = serializers.DateField(allow_null=True)
    payment = serializers.IntegerField(source="payment_id", allow_null=True)
    quotes = PropertyRepairQuoteOutputSerializer(many=True, source="quotes.all")


class PropertyRepairQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RepairStatus.choices, required=False)


class PropertyRepairReportInputSerializer(serializers.Serializer):
    home = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    what = serializers.CharField(max_length=4000)
    reported_on = serializers.DateField()
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    reported_by = serializers.CharField(max_length=200)


class RepairListView(APIView):
    rules = {"read": "properties.view_any", "write": "properties.work_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Properties"], summary="Repairs you may see", parameters=[PropertyRepairQuerySerializer],
                   responses={200: PropertyRepairOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = valid(PropertyRepairQuerySerializer, request.query_params)
        found = selectors.repairs_visible_to(user=request.user).prefetch_related("quotes").order_by("pk")
        if "status" in query:
            found = found.filter(status=query["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(PropertyRepairOutputSerializer(page, many=True).data)

    @extend_schema(tags=["Properties"], summary="Report a repair", request=PropertyRepairReportInputSerializer,
                   responses={201: PropertyRepairOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = valid(PropertyRepairReportInputSerializer, request.data)
        home = selectors.access_home(user=request.user, pk=data.pop("home"))
        repair = services.repair_report(acting_user=request.user, home=home, **data)
        return Response(PropertyRepairOutputSerializer(repair).data, status=201)


class _OneRepair(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_repair"):
            self._repair = selectors.access_repair(user=self.request.user, pk=self.kwargs["id"])
        return self._repair


class RepairDetailView(_OneRepair):
    rules = {"read": "properties.view_client"}

    @extend_schema(tags=["Properties"], summary="A repair", responses={200: PropertyRepairOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(PropertyRepairOutputSerializer(self.get_rule_object()).data)


class RepairApproveView(_OneRepair):
    rules = {"write": "properties.approve_repair"}

    @extend_schema(tags=["Properties"], summary="Approve a repair (the second person)", request=None,
                   description="Above the threshold, someone other than the person who asked for approval approves.",
                   responses={200: PropertyRepairOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        repair = services.repair_approve(acting_user=request.user, repair=self.get_rule_object())
        return Response(PropertyRepairOutputSerializer(repair).data)


urlpatterns: list = [
    path("properties/repairs/", RepairListView.as_view(), name="properties-repairs"),
    path("properties/repairs/<int:id>/", RepairDetailView.as_view(), name="properties-repair"),
    path("properties/repairs/<int:id>/approve/", RepairApproveView.as_view(), name="properties-repair-approve"),
]
