"""The API of payment runs, under ``/api/v1/deputyship/``.

- ``GET /api/v1/deputyship/payment-runs/``: the runs, newest first.
- ``GET /api/v1/deputyship/payment-runs/{id}/``: one run with its lines (the clients you may see) and, once
  approved, its Bacs Standard 18 file and bulk-payment CSV.
- ``POST /api/v1/deputyship/payment-runs/{id}/approve/``: a second person approves a checked run (not its
  preparer): the files are written and each line posted to its client's ledger once.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.payruns import selectors, services
from deputyship.payruns.choices import LineStatus, RunStatus
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input, or refused: the run has problems to resolve."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, not allowed, or the run's own preparer."),
    404: OpenApiResponse(ErrorSerializer, description="No such run."),
}


class DeputyshipPaymentRunOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    pay_on = serializers.DateField()
    status = serializers.ChoiceField(choices=RunStatus.choices)
    line_count = serializers.IntegerField()
    total = MoneyField()
    prepared_by = serializers.CharField(source="prepared_by.username")
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True, default=None)
    approved_at = serializers.DateTimeField(allow_null=True)
    problems = serializers.ListField(child=serializers.CharField())


class DeputyshipPaymentRunLineOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    payment_request = serializers.IntegerField(source="payment_request_id")
    payee = serializers.CharField()
    payee_sort_code = serializers.CharField()
    payee_account_number = serializers.CharField()
    reference = serializers.CharField()
    amount = MoneyField()
    status = serializers.ChoiceField(choices=LineStatus.choices)
    problems = serializers.ListField(child=serializers.CharField())
    payment = serializers.IntegerField(source="payment_id", allow_null=True)
    reversal = serializers.IntegerField(source="reversal_id", allow_null=True)
    rejection_reason = serializers.CharField()


class DeputyshipPaymentRunDetailOutputSerializer(DeputyshipPaymentRunOutputSerializer):
    lines = DeputyshipPaymentRunLineOutputSerializer(many=True)
    bacs_file = serializers.CharField()
    bacs_sha256 = serializers.CharField()
    csv_file = serializers.CharField()
    csv_layout = serializers.CharField()


class PaymentRunListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Client affairs"], summary="Payment runs",
                   responses={200: DeputyshipPaymentRunOutputSerializer(many=True), 400: ERRORS[400],
                              403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.payment_runs(), request, view=self)
        return paginator.get_paginated_response(DeputyshipPaymentRunOutputSerializer(page, many=True).data)


def _detail(run, user) -> dict:
    data = DeputyshipPaymentRunOutputSerializer(run).data
    lines = selectors.run_lines(run=run).filter(client__in=clients_visible_to(user=user))
    data.update(lines=DeputyshipPaymentRunLineOutputSerializer(lines, many=True).data, bacs_file=run.bacs_file,
                bacs_sha256=run.bacs_sha256, csv_file=run.csv_file, csv_layout=run.csv_layout)
    return data


class PaymentRunDetailView(APIView):
    rules = {"read": "deputyship.view_any"}

    @extend_schema(tags=["Client affairs"], summary="A payment run with its lines and files",
                   responses={200: DeputyshipPaymentRunDetailOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(_detail(selectors.access_payment_run(pk=id), request.user))


class PaymentRunApproveView(APIView):
    rules = {"write": "deputyship.work_any"}

    @extend_schema(tags=["Client affairs"], summary="Approve a payment run (a second person)", request=None,
                   responses={200: DeputyshipPaymentRunDetailOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        run = services.payment_run_approve(acting_user=request.user, run=selectors.access_payment_run(pk=id))
        return Response(_detail(run, request.user))


urlpatterns = [
    path("deputyship/payment-runs/", PaymentRunListView.as_view(), name="deputyship-payment-runs"),
    path("deputyship/payment-runs/<int:id>/", PaymentRunDetailView.as_view(), name="deputyship-payment-run"),
    path("deputyship/payment-runs/<int:id>/approve/", PaymentRunApproveView.as_view(),
         name="deputyship-payment-run-approve"),
]
