"""The returns part's API, in the ``api`` namespace under ``/api/v1/``, with the same rules as the pages.

``GET /api/v1/deputyship/returns/`` lists the court returns of the clients you may see (``?status=``
narrows); ``GET .../returns/{id}/`` reads one; ``GET .../returns/{id}/figures/`` gives its figures, the same
calculation the report's page and PDF show.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.returns import selectors
from deputyship.returns.choices import ReturnStatus
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not for you: this is the client affairs team's work."),
    404: OpenApiResponse(ErrorSerializer, description="No such court return, or not one you may see."),
}


class DeputyshipReturnOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    client_reference = serializers.CharField(source="client.council_reference")
    order_reference = serializers.CharField(source="authority.reference")
    number = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    due_on = serializers.DateField()
    final = serializers.BooleanField()
    status = serializers.ChoiceField(choices=ReturnStatus.choices)
    form = serializers.CharField()
    submitted_on = serializers.DateField(allow_null=True)
    difference_note = serializers.CharField()


class DeputyshipReturnQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReturnStatus.choices, required=False)


class DeputyshipFigureLineSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    amount = MoneyField()


class DeputyshipFigureItemSerializer(serializers.Serializer):
    description = serializers.CharField()
    value = MoneyField()


class DeputyshipAccountFiguresSerializer(serializers.Serializer):
    name = serializers.CharField()
    opening = MoneyField()
    money_in = MoneyField()
    money_out = MoneyField()
    closing = MoneyField()
    expected_closing = MoneyField()
    difference = MoneyField()


class DeputyshipReportFiguresOutputSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    accounts = DeputyshipAccountFiguresSerializer(many=True)
    money_in = DeputyshipFigureLineSerializer(many=True)
    money_out = DeputyshipFigureLineSerializer(many=True)
    total_in = MoneyField()
    total_out = MoneyField()
    opening = MoneyField()
    closing = MoneyField()
    difference = MoneyField()
    difference_explained = serializers.BooleanField()
    difference_note = serializers.CharField()
    balances = serializers.BooleanField()
    may_be_ready = serializers.BooleanField()
    assets = DeputyshipFigureItemSerializer(many=True)
    total_assets = MoneyField()
    debts = DeputyshipFigureItemSerializer(many=True)
    total_debts = MoneyField()
    fees = DeputyshipFigureItemSerializer(many=True)
    total_fees = MoneyField()
    form = serializers.CharField()
    lines = serializers.ListField(child=serializers.CharField())


class DeputyshipReturnListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="Court returns you may see",
                   parameters=[DeputyshipReturnQuerySerializer],
                   responses={200: DeputyshipReturnOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = DeputyshipReturnQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = selectors.returns_visible_to(user=request.user).order_by("due_on", "pk")
        if "status" in query.validated_data:
            found = found.filter(status=query.validated_data["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(DeputyshipReturnOutputSerializer(page, many=True).data)


class _OneReturn(APIView):
    rules = {"read": "deputyship.view_client"}

    def get_rule_object(self):
        if not hasattr(self, "_return"):
            self._return = selectors.access_return(user=self.request.user, pk=self.kwargs["id"])
        return self._return


class DeputyshipReturnDetailView(_OneReturn):
    @extend_schema(tags=["Deputyship"], summary="A court return",
                   responses={200: DeputyshipReturnOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(DeputyshipReturnOutputSerializer(self.get_rule_object()).data)


class DeputyshipReturnFiguresView(_OneReturn):
    @extend_schema(tags=["Deputyship"], summary="A court return's figures",
                   description="Worked out from the ledger now: the same calculation as the report's page and PDF.",
                   responses={200: DeputyshipReportFiguresOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(DeputyshipReportFiguresOutputSerializer(selectors.return_figures(self.get_rule_object())).data)


urlpatterns = [
    path("deputyship/returns/", DeputyshipReturnListView.as_view(), name="deputyship-returns"),
    path("deputyship/returns/<int:id>/", DeputyshipReturnDetailView.as_view(), name="deputyship-return"),
    path("deputyship/returns/<int:id>/figures/", DeputyshipReturnFiguresView.as_view(),
         name="deputyship-return-figures"),
]
