"""The API of income and bills on schedule, under ``/api/v1/deputyship/``.

- ``GET /api/v1/deputyship/clients/{id}/expected-income/``: the client's expected income; ``POST`` records one
  (the client affairs team holding the client).
- ``GET /api/v1/deputyship/clients/{id}/scheduled-payments/``: the client's scheduled payments; ``POST``
  records one (its bank details checked).

A client you may not see is a 404, like one that does not exist.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from django.urls import path
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deputyship.schedule import selectors, services
from deputyship.schedule.choices import BillKind, Frequency, IncomeKind
from ledger.api.serializers import MoneyField
from ledger.choices import MoneyInCategory, MoneyOutCategory
from people.api.serializers import ErrorSerializer
from people.selectors import access_client

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
    404: OpenApiResponse(ErrorSerializer, description="No such client, or not one you may see."),
}


class DeputyshipExpectedIncomeInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IncomeKind.choices)
    payer = serializers.CharField(max_length=200)
    amount = MoneyField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    first_due_on = serializers.DateField()
    category = serializers.ChoiceField(choices=MoneyInCategory.choices, required=False, allow_blank=True, default="")
    tolerance_days = serializers.IntegerField(min_value=0, max_value=31, default=5)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


class DeputyshipExpectedIncomeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=IncomeKind.choices)
    payer = serializers.CharField()
    amount = MoneyField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    first_due_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    category = serializers.ChoiceField(choices=MoneyInCategory.choices)
    tolerance_days = serializers.IntegerField()


class DeputyshipScheduledPaymentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=BillKind.choices)
    payee = serializers.CharField(max_length=200)
    payee_sort_code = serializers.CharField(max_length=8, help_text="Six digits; dashes and spaces are ignored.")
    payee_account_number = serializers.CharField(max_length=10, help_text="Eight digits.")
    reference = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    amount = MoneyField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    first_due_on = serializers.DateField()
    category = serializers.ChoiceField(choices=MoneyOutCategory.choices, required=False, allow_blank=True,
                                       default="")
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


class DeputyshipScheduledPaymentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=BillKind.choices)
    payee = serializers.CharField()
    payee_sort_code = serializers.CharField()
    payee_account_number = serializers.CharField()
    reference = serializers.CharField()
    amount = MoneyField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    first_due_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    category = serializers.ChoiceField(choices=MoneyOutCategory.choices)


class _ClientInUrl:
    def get_rule_object(self):
        if not hasattr(self, "_client"):
            self._client = access_client(user=self.request.user, pk=self.kwargs["id"])
        return self._client


class ExpectedIncomeView(_ClientInUrl, APIView):
    rules = {"read": "deputyship.view_client", "write": "deputyship.work_client"}

    @extend_schema(tags=["Client affairs"], summary="A client's expected income",
                   responses={200: DeputyshipExpectedIncomeOutputSerializer(many=True), 403: ERRORS[403],
                              404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        found = selectors.client_expected_income(client=self.get_rule_object())
        return Response(DeputyshipExpectedIncomeOutputSerializer(found, many=True).data)

    @extend_schema(tags=["Client affairs"], summary="Record expected income",
                   request=DeputyshipExpectedIncomeInputSerializer,
                   description="Money the council expects to receive for the client regularly; each due date is "
                               "checked against the bank statements by the daily job.",
                   responses={201: DeputyshipExpectedIncomeOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipExpectedIncomeInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        income = services.expected_income_record(acting_user=request.user, client=self.get_rule_object(),
                                                 **given.validated_data)
        return Response(DeputyshipExpectedIncomeOutputSerializer(income).data, status=201)


class ScheduledPaymentsView(_ClientInUrl, APIView):
    rules = {"read": "deputyship.view_client", "write": "deputyship.work_client"}

    @extend_schema(tags=["Client affairs"], summary="A client's scheduled payments",
                   responses={200: DeputyshipScheduledPaymentOutputSerializer(many=True), 403: ERRORS[403],
                              404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        found = selectors.client_scheduled_payments(client=self.get_rule_object())
        return Response(DeputyshipScheduledPaymentOutputSerializer(found, many=True).data)

    @extend_schema(tags=["Client affairs"], summary="Record a scheduled payment",
                   request=DeputyshipScheduledPaymentInputSerializer,
                   description="A regular bill paid from the client's money; each due date becomes a payment "
                               "request for the next payment run.",
                   responses={201: DeputyshipScheduledPaymentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipScheduledPaymentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        bill = services.scheduled_payment_record(acting_user=request.user, client=self.get_rule_object(),
                                                 **given.validated_data)
        return Response(DeputyshipScheduledPaymentOutputSerializer(bill).data, status=201)


urlpatterns = [
    path("deputyship/clients/<int:id>/expected-income/", ExpectedIncomeView.as_view(),
         name="deputyship-expected-income"),
    path("deputyship/clients/<int:id>/scheduled-payments/", ScheduledPaymentsView.as_view(),
         name="deputyship-scheduled-payments"),
]
