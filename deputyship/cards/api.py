"""The cards part's API, in the ``api`` namespace under ``/api/v1/``.

- ``GET /api/v1/deputyship/cards/``: the prepaid cards of the clients you may see (``?client=``), each with
  its agreed weekly spend, balance as last recorded, holder and agreement, and its latest top-ups.
- ``POST /api/v1/deputyship/clients/<id>/money-management-agreements/``: record a third party's signed agreement.
- ``POST /api/v1/deputyship/clients/<id>/prepaid-cards/``: issue a card; refused for a care provider to hold
  without a money management agreement in force (the same rules as the service).
- ``POST /api/v1/deputyship/prepaid-cards/<id>/weekly-spend/``: agree a new weekly spend, with the reason.
- ``POST /api/v1/deputyship/prepaid-cards/<id>/balance/``: record the balance seen on the card.
- ``POST /api/v1/deputyship/prepaid-cards/<id>/end/``: end the card (no more top-ups).
- ``POST /api/v1/deputyship/prepaid-cards/<id>/statements/``: import a card statement (CSV, multipart ``file``):
  all its lines or none, and the same file again is recorded once (200 with the first import)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.cards.choices import CardHolder, TopUpStatus
from deputyship.cards.models import MoneyManagementAgreement, PrepaidCard
from deputyship.cards.selectors import access_card
from deputyship.cards.services import (
    STATEMENT_MAX_BYTES, CardError, card_balance_record, card_statement_import, card_weekly_spend_change,
    money_management_agreement_record, prepaid_card_end, prepaid_card_issue,
)
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import access_client, clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
    404: OpenApiResponse(ErrorSerializer, description="No such client or card, or not one you may see."),
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


class DeputyshipAgreementInputSerializer(serializers.Serializer):
    third_party = serializers.CharField(max_length=200)
    signed_on = serializers.DateField()
    review_on = serializers.DateField()


class DeputyshipAgreementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    third_party = serializers.CharField()
    signed_on = serializers.DateField()
    review_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)


class DeputyshipCardIssueInputSerializer(serializers.Serializer):
    provider = serializers.CharField(max_length=100)
    last_four = serializers.CharField(max_length=4)
    holder = serializers.ChoiceField(choices=CardHolder.choices)
    holder_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    weekly_spend = MoneyField()
    issued_on = serializers.DateField()
    agreement = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2_147_483_647)


class _ClientWriteView(APIView):
    parser_classes = [JSONParser]
    rules = {"write": "deputyship.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_client"):
            self._client = access_client(user=self.request.user, pk=self.kwargs["id"])
        return self._client


class DeputyshipAgreementCreateView(_ClientWriteView):
    @extend_schema(tags=["Deputyship"], summary="Record a money management agreement",
                   request=DeputyshipAgreementInputSerializer,
                   responses={201: DeputyshipAgreementOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        given = DeputyshipAgreementInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        agreement = money_management_agreement_record(acting_user=request.user, client=client,
                                                      **given.validated_data)
        return Response(DeputyshipAgreementOutputSerializer(agreement).data, status=201)


class DeputyshipCardIssueView(_ClientWriteView):
    @extend_schema(tags=["Deputyship"], summary="Issue a prepaid card",
                   description="A care provider may hold the card only under the client's money management "
                               "agreement in force on the day (`agreement`); otherwise 400 and nothing is saved.",
                   request=DeputyshipCardIssueInputSerializer,
                   responses={201: DeputyshipCardOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        given = DeputyshipCardIssueInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        agreement_id = data.pop("agreement", None)
        agreement = None
        if agreement_id is not None:
            agreement = MoneyManagementAgreement.objects.filter(pk=agreement_id, client=client).first()
            if agreement is None:
                raise CardError("That agreement is not one of this client's.")
        card = prepaid_card_issue(acting_user=request.user, client=client, agreement=agreement, **data)
        return Response(DeputyshipCardOutputSerializer(card).data, status=201)


class DeputyshipWeeklySpendInputSerializer(serializers.Serializer):
    weekly_spend = MoneyField()
    reason = serializers.CharField(max_length=500)


class DeputyshipCardBalanceInputSerializer(serializers.Serializer):
    balance = MoneyField()
    on = serializers.DateField()


class DeputyshipCardEndInputSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.CharField(max_length=500)


class DeputyshipCardStatementInputSerializer(serializers.Serializer):
    file = serializers.FileField(max_length=255, allow_empty_file=False)


class DeputyshipCardStatementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    card = serializers.IntegerField(source="card_id")
    filename = serializers.CharField()
    lines = serializers.IntegerField()
    spent = MoneyField()
    loaded = MoneyField()
    closing_balance = MoneyField()
    imported_at = serializers.DateTimeField()


class _CardWriteView(APIView):
    parser_classes = [JSONParser]
    rules = {"write": "deputyship.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_card"):
            card = access_card(user=self.request.user, pk=self.kwargs["id"])
            self._card = card
        return self._card.client


class DeputyshipWeeklySpendView(_CardWriteView):
    @extend_schema(tags=["Deputyship"], summary="Change a prepaid card's agreed weekly spend",
                   description="The next weekly top-up brings the card up to the new amount.",
                   request=DeputyshipWeeklySpendInputSerializer,
                   responses={200: DeputyshipCardOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        self.get_rule_object()
        given = DeputyshipWeeklySpendInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        card = card_weekly_spend_change(acting_user=request.user, card=self._card, **given.validated_data)
        return Response(DeputyshipCardOutputSerializer(card).data)


class DeputyshipCardBalanceView(_CardWriteView):
    @extend_schema(tags=["Deputyship"], summary="Record a prepaid card's balance",
                   request=DeputyshipCardBalanceInputSerializer,
                   responses={200: DeputyshipCardOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        self.get_rule_object()
        given = DeputyshipCardBalanceInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        card = card_balance_record(acting_user=request.user, card=self._card, **given.validated_data)
        return Response(DeputyshipCardOutputSerializer(card).data)


class DeputyshipCardEndView(_CardWriteView):
    @extend_schema(tags=["Deputyship"], summary="End a prepaid card", request=DeputyshipCardEndInputSerializer,
                   responses={200: DeputyshipCardOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        self.get_rule_object()
        given = DeputyshipCardEndInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        card = prepaid_card_end(acting_user=request.user, card=self._card, **given.validated_data)
        return Response(DeputyshipCardOutputSerializer(card).data)


class DeputyshipCardStatementView(_CardWriteView):
    parser_classes = [MultiPartParser]

    @extend_schema(tags=["Deputyship"], summary="Import a prepaid card statement",
                   description="A CSV with the headings Date, Description, Amount, Balance (dates DD/MM/YYYY, spending "
                               "negative). Every line is checked first: any fault refuses the whole file (400, each "
                               "fault in `errors.lines`) and nothing is kept. The same file again returns the first "
                               "import (200) and records nothing.",
                   request={"multipart/form-data": DeputyshipCardStatementInputSerializer},
                   responses={201: DeputyshipCardStatementOutputSerializer,
                              200: OpenApiResponse(DeputyshipCardStatementOutputSerializer,
                                                   description="This file was already imported for the card."),
                              **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        self.get_rule_object()
        given = DeputyshipCardStatementInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        upload = given.validated_data["file"]
        if upload.size > STATEMENT_MAX_BYTES:
            raise CardError("The file is larger than 2 MB; is it a card statement?")
        before = self._card.statement_imports.count()
        statement = card_statement_import(acting_user=request.user, card=self._card, filename=upload.name,
                                          content=upload.read())
        created = self._card.statement_imports.count() > before
        return Response(DeputyshipCardStatementOutputSerializer(statement).data, status=201 if created else 200)


urlpatterns: list = [
    path("deputyship/cards/", DeputyshipCardListView.as_view(), name="deputyship-cards"),
    path("deputyship/clients/<int:id>/money-management-agreements/", DeputyshipAgreementCreateView.as_view(),
         name="deputyship-card-agreement-create"),
    path("deputyship/clients/<int:id>/prepaid-cards/", DeputyshipCardIssueView.as_view(),
         name="deputyship-card-issue"),
    path("deputyship/prepaid-cards/<int:id>/weekly-spend/", DeputyshipWeeklySpendView.as_view(),
         name="deputyship-card-weekly-spend"),
    path("deputyship/prepaid-cards/<int:id>/balance/", DeputyshipCardBalanceView.as_view(),
         name="deputyship-card-balance"),
    path("deputyship/prepaid-cards/<int:id>/end/", DeputyshipCardEndView.as_view(), name="deputyship-card-end"),
    path("deputyship/prepaid-cards/<int:id>/statements/", DeputyshipCardStatementView.as_view(),
         name="deputyship-card-statement-import"),
]
