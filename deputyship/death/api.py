"""The death part's API, in the ``api`` namespace under ``/api/v1/``, with the same rules as the pages.

- ``GET /api/v1/deputyship/estates/``: the deaths recorded for the clients you may see, each with its grant,
  the estate's release, the final account and the Bona Vacantia decision (``?awaiting_grant=true``).
- ``POST /api/v1/deputyship/clients/{id}/death/``: record a client's death (the letters and tasks are made).
- ``GET /api/v1/deputyship/estates/{id}/``: one estate; ``POST .../letters/`` makes the letters not made yet;
  ``POST .../funeral-consents/``, ``POST /api/v1/deputyship/funeral-consents/{id}/payments/``;
  ``POST .../final-account/`` (prepared once, made as a PDF); ``POST .../grant/``; ``POST .../release/``;
  ``POST .../bona-vacantia/``. Bad input is a 400 naming what is wrong, and nothing is written."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from decimal import Decimal

from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.death import selectors, services
from deputyship.death.choices import GrantKind, LetterTo, NotifiedHow, WillStatus
from deputyship.death.models import Death, FinalAccount
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import access_client, clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
    404: OpenApiResponse(ErrorSerializer, description="No such client or estate, or not one you may see."),
}


class DeputyshipEstateQuerySerializer(serializers.Serializer):
    awaiting_grant = serializers.BooleanField(required=False, default=False)


class DeputyshipGrantSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=GrantKind.choices)
    issued_on = serializers.DateField()
    reference = serializers.CharField()
    granted_to = serializers.CharField()


class DeputyshipEstateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    died_on = serializers.DateField()
    notified_on = serializers.DateField()
    notified_how = serializers.ChoiceField(choices=NotifiedHow.choices)
    will = serializers.ChoiceField(choices=WillStatus.choices)
    executor = serializers.CharField()
    grant = serializers.SerializerMethodField()
    released_amount = serializers.SerializerMethodField()
    bona_vacantia_referred = serializers.SerializerMethodField()

    def get_grant(self, death) -> dict | None:
        grant = getattr(death, "grant", None)
        return DeputyshipGrantSerializer(grant).data if grant else None

    def get_released_amount(self, death) -> str | None:
        release = getattr(death, "estate_release", None)
        return str(release.amount) if release else None

    def get_bona_vacantia_referred(self, death) -> bool | None:
        decision = getattr(death, "bona_vacantia", None)
        return decision.refer if decision else None


class DeputyshipEstateListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="Estates of clients who died",
                   parameters=[DeputyshipEstateQuerySerializer],
                   responses={200: DeputyshipEstateOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request):
        query = DeputyshipEstateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        deaths = Death.objects.filter(client__in=clients_visible_to(user=request.user))
        if query.validated_data["awaiting_grant"]:
            deaths = deaths.filter(grant__isnull=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(deaths.order_by("-died_on", "-id"), request, view=self)
        return paginator.get_paginated_response(DeputyshipEstateOutputSerializer(page, many=True).data)


# --- writing ---------------------------------------------------------------------------------------------

class DeputyshipDeathInputSerializer(serializers.Serializer):
    died_on = serializers.DateField()
    notified_on = serializers.DateField()
    notified_how = serializers.ChoiceField(choices=NotifiedHow.choices)
    will = serializers.ChoiceField(choices=WillStatus.choices, required=False, default=WillStatus.UNKNOWN)
    executor = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DeputyshipDeathLetterOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    to = serializers.ChoiceField(choices=LetterTo.choices)
    recipient = serializers.CharField()
    document = serializers.IntegerField(source="letter_id")
    sent_on = serializers.DateField()


class DeputyshipFuneralConsentInputSerializer(serializers.Serializer):
    consented_by = serializers.CharField(max_length=200)
    consented_on = serializers.DateField()
    funeral_director = serializers.CharField(max_length=200)
    amount = MoneyField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))


class DeputyshipFuneralConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    estate = serializers.IntegerField(source="death_id")
    consented_by = serializers.CharField()
    consented_on = serializers.DateField()
    funeral_director = serializers.CharField()
    amount = MoneyField(max_digits=12, decimal_places=2)


class DeputyshipFuneralPaymentInputSerializer(serializers.Serializer):
    amount = MoneyField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    effective_date = serializers.DateField()
    reference = serializers.CharField(max_length=100)
    idempotency_key = serializers.RegexField(r"^[A-Za-z0-9_.:-]{8,64}$",
                                             help_text="Your key for this payment: sending it again pays once.")


class DeputyshipFuneralPaymentOutputSerializer(serializers.Serializer):
    payment = serializers.IntegerField(source="pk")
    amount = MoneyField(max_digits=12, decimal_places=2)
    payee = serializers.CharField()
    status = serializers.CharField()


class DeputyshipFinalAccountInputSerializer(serializers.Serializer):
    as_at = serializers.DateField(required=False, help_text="The day the account is made up to; today if not given.")


class DeputyshipFinalAccountOutputSerializer(serializers.Serializer):
    estate = serializers.IntegerField(source="death_id")
    as_at = serializers.DateField()
    balance_at_death = MoneyField(max_digits=12, decimal_places=2)
    money_in_since = MoneyField(max_digits=12, decimal_places=2)
    money_out_since = MoneyField(max_digits=12, decimal_places=2)
    balance_now = MoneyField(max_digits=12, decimal_places=2)
    document = serializers.IntegerField(source="document_id", allow_null=True)


class DeputyshipGrantInputSerializer(DeputyshipGrantSerializer):
    reference = serializers.CharField(max_length=60)
    granted_to = serializers.CharField(max_length=200)


class DeputyshipReleaseInputSerializer(serializers.Serializer):
    released_on = serializers.DateField()


class DeputyshipReleaseOutputSerializer(serializers.Serializer):
    estate = serializers.IntegerField(source="death_id")
    amount = MoneyField(max_digits=12, decimal_places=2)
    paid_to = serializers.CharField()
    released_on = serializers.DateField()
    payment = serializers.IntegerField(source="payment_id", allow_null=True)


class DeputyshipBonaVacantiaInputSerializer(serializers.Serializer):
    refer = serializers.BooleanField()
    valid_will = serializers.BooleanField()
    known_entitled_relatives = serializers.BooleanField()
    grant_issued = serializers.BooleanField()
    gross_estate = MoneyField(max_digits=12, decimal_places=2, min_value=Decimal("0.00"))
    funeral_and_debts = MoneyField(max_digits=12, decimal_places=2, min_value=Decimal("0.00"))
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DeputyshipBonaVacantiaOutputSerializer(serializers.Serializer):
    estate = serializers.IntegerField(source="death_id")
    refer = serializers.BooleanField()
    reasons = serializers.CharField()
    decided_on = serializers.DateField()


class ClientDeathView(APIView):
    parser_classes = [JSONParser]
    rules = {"write": "deputyship.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_client"):
            self._client = access_client(user=self.request.user, pk=self.kwargs["id"])
        return self._client

    @extend_schema(tags=["Deputyship"], summary="Record a client's death",
                   description="Ends the council's authority on the date of death, gives the notification and keys "
                               "tasks and makes the notification letters (OPG and court for a deputyship; executors, "
                               "relatives and organisations from the client's contacts).",
                   request=DeputyshipDeathInputSerializer, responses={201: DeputyshipEstateOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipDeathInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        death = services.death_record(acting_user=request.user, client=self.get_rule_object(), **given.validated_data)
        return Response(DeputyshipEstateOutputSerializer(death).data, status=201)


class _OneEstate(APIView):
    parser_classes = [JSONParser]
    rules = {"read": "deputyship.view_client", "write": "deputyship.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_death"):
            self._death = selectors.access_death(user=self.request.user, pk=self.kwargs["id"])
        return self._death


class DeputyshipEstateDetailView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="An estate",
                   responses={200: DeputyshipEstateOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(DeputyshipEstateOutputSerializer(self.get_rule_object()).data)


class DeputyshipEstateLettersView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="The estate's notification letters",
                   responses={200: DeputyshipDeathLetterOutputSerializer(many=True), 403: ERRORS[403],
                              404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        letters = self.get_rule_object().letters.order_by("pk")
        return Response(DeputyshipDeathLetterOutputSerializer(letters, many=True).data)

    @extend_schema(tags=["Deputyship"], summary="Make the notification letters not made yet",
                   request=None, responses={201: DeputyshipDeathLetterOutputSerializer(many=True), **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        made = services.death_letters_send(acting_user=request.user, death=self.get_rule_object())
        return Response(DeputyshipDeathLetterOutputSerializer(made, many=True).data, status=201)


class DeputyshipFuneralConsentView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="Record the executor's consent to funeral costs",
                   request=DeputyshipFuneralConsentInputSerializer,
                   responses={201: DeputyshipFuneralConsentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipFuneralConsentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        consent = services.funeral_consent_record(acting_user=request.user, death=self.get_rule_object(),
                                                  **given.validated_data)
        return Response(DeputyshipFuneralConsentOutputSerializer(consent).data, status=201)


class DeputyshipFuneralPaymentView(APIView):
    parser_classes = [JSONParser]
    rules = {"write": "deputyship.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_consent"):
            self._consent = selectors.access_funeral_consent(user=self.request.user, pk=self.kwargs["id"])
        return self._consent

    @extend_schema(tags=["Deputyship"], summary="Pay funeral costs within the executor's consent",
                   request=DeputyshipFuneralPaymentInputSerializer,
                   responses={201: DeputyshipFuneralPaymentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipFuneralPaymentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        consent = self.get_rule_object()
        payment = services.funeral_cost_pay(
            acting_user=request.user, consent=consent, amount=data["amount"], effective_date=data["effective_date"],
            reference=data["reference"], idempotency_key=f"funeral:{consent.pk}:{data['idempotency_key']}")
        return Response(DeputyshipFuneralPaymentOutputSerializer(payment).data, status=201)


class DeputyshipFinalAccountView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="Prepare the final account and make its PDF",
                   description="Prepared once from the ledger; asking again returns the account already prepared.",
                   request=DeputyshipFinalAccountInputSerializer,
                   responses={201: DeputyshipFinalAccountOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipFinalAccountInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        death = self.get_rule_object()
        services.final_account_render(acting_user=request.user, death=death, as_at=given.validated_data.get("as_at"))
        return Response(DeputyshipFinalAccountOutputSerializer(FinalAccount.objects.get(death=death)).data, status=201)


class DeputyshipGrantView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="Record the grant of probate or letters of administration",
                   request=DeputyshipGrantInputSerializer, responses={201: DeputyshipGrantSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipGrantInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        grant = services.grant_record(acting_user=request.user, death=self.get_rule_object(), **given.validated_data)
        return Response(DeputyshipGrantSerializer(grant).data, status=201)


class DeputyshipReleaseView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="Release the estate to the person named in the grant",
                   request=DeputyshipReleaseInputSerializer,
                   responses={201: DeputyshipReleaseOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipReleaseInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        release = services.estate_release(acting_user=request.user, death=self.get_rule_object(),
                                          **given.validated_data)
        return Response(DeputyshipReleaseOutputSerializer(release).data, status=201)


class DeputyshipBonaVacantiaView(_OneEstate):
    @extend_schema(tags=["Deputyship"], summary="Record whether the estate is referred to the Bona Vacantia Division",
                   request=DeputyshipBonaVacantiaInputSerializer,
                   responses={201: DeputyshipBonaVacantiaOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DeputyshipBonaVacantiaInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        decision = services.bona_vacantia_decide(acting_user=request.user, death=self.get_rule_object(),
                                                 **given.validated_data)
        return Response(DeputyshipBonaVacantiaOutputSerializer(decision).data, status=201)


urlpatterns: list = [
    path("deputyship/estates/", DeputyshipEstateListView.as_view(), name="deputyship-estates"),
    path("deputyship/clients/<int:id>/death/", ClientDeathView.as_view(), name="deputyship-client-death"),
    path("deputyship/estates/<int:id>/", DeputyshipEstateDetailView.as_view(), name="deputyship-estate"),
    path("deputyship/estates/<int:id>/letters/", DeputyshipEstateLettersView.as_view(),
         name="deputyship-estate-letters"),
    path("deputyship/estates/<int:id>/funeral-consents/", DeputyshipFuneralConsentView.as_view(),
         name="deputyship-estate-funeral-consents"),
    path("deputyship/funeral-consents/<int:id>/payments/", DeputyshipFuneralPaymentView.as_view(),
         name="deputyship-funeral-payments"),
    path("deputyship/estates/<int:id>/final-account/", DeputyshipFinalAccountView.as_view(),
         name="deputyship-estate-final-account"),
    path("deputyship/estates/<int:id>/grant/", DeputyshipGrantView.as_view(), name="deputyship-estate-grant"),
    path("deputyship/estates/<int:id>/release/", DeputyshipReleaseView.as_view(), name="deputyship-estate-release"),
    path("deputyship/estates/<int:id>/bona-vacantia/", DeputyshipBonaVacantiaView.as_view(),
         name="deputyship-estate-bona-vacantia"),
]
