"""The authority part's API, under ``/api/v1/deputyship/``.

``GET .../clients/{id}/authority/`` reads the legal authority in force for a client (with its court permissions
and bond); ``POST .../clients/{id}/authority-check/`` with ``{action, amount}`` answers whether the council may do
it, and why. The check writes nothing, so everyone who may see the client may ask it, auditors included."""

from __future__ import annotations

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deputyship.authority.choices import Action, AuthorityKind
from deputyship.authority.services import authority_check, authority_in_force
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import access_client

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or no role in the service."),
    404: OpenApiResponse(ErrorSerializer, description="No such client, or not one you may see."),
}


class DeputyshipPermissionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=Action.choices)
    amount = MoneyField(max_digits=12, decimal_places=2, allow_null=True)
    granted_on = serializers.DateField()
    reference = serializers.CharField()
    details = serializers.CharField()


class DeputyshipBondOutputSerializer(serializers.Serializer):
    provider = serializers.CharField()
    bond_reference = serializers.CharField()
    amount = MoneyField(max_digits=12, decimal_places=2)
    premium = MoneyField(max_digits=10, decimal_places=2)
    starts_on = serializers.DateField()
    renewal_on = serializers.DateField()


class DeputyshipAuthorityOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=AuthorityKind.choices)
    reference = serializers.CharField()
    made_on = serializers.DateField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    scope = serializers.CharField()
    restrictions = serializers.CharField()
    may_sell_property = serializers.BooleanField()
    may_make_gifts = serializers.BooleanField()
    gift_limit = MoneyField(max_digits=12, decimal_places=2, allow_null=True)
    payment_limit = MoneyField(max_digits=12, decimal_places=2, allow_null=True)
    permissions = DeputyshipPermissionOutputSerializer(many=True, source="permissions.all")
    bond = DeputyshipBondOutputSerializer(allow_null=True)


class DeputyshipClientAuthorityOutputSerializer(serializers.Serializer):
    client = serializers.IntegerField()
    authority = DeputyshipAuthorityOutputSerializer(allow_null=True)


class DeputyshipCheckInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.choices)
    amount = MoneyField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True)


class DeputyshipCheckOutputSerializer(serializers.Serializer):
    client = serializers.IntegerField()
    action = serializers.ChoiceField(choices=Action.choices)
    amount = MoneyField(max_digits=12, decimal_places=2, allow_null=True)
    allowed = serializers.BooleanField()
    reason = serializers.CharField()
    authority = serializers.IntegerField(allow_null=True)
    permission = serializers.IntegerField(allow_null=True)


class _ClientView(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_client"):
            self._client = access_client(user=self.request.user, pk=self.kwargs["id"])
        return self._client


class ClientAuthorityView(_ClientView):
    rules = {"read": "deputyship.view_client"}

    @extend_schema(tags=["Client affairs"], summary="The legal authority in force for a client",
                   description="The DWP appointeeship or Court of Protection deputyship the council holds today, with "
                               "its scope, restrictions, limits, court permissions and security bond; `authority` is "
                               "null when it holds none.",
                   responses={200: DeputyshipClientAuthorityOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        authority = authority_in_force(client=client)
        if authority is not None:
            authority.bond = authority.bonds.filter(ended_on__isnull=True).first()
        return Response(DeputyshipClientAuthorityOutputSerializer({"client": client.pk, "authority": authority}).data)


class AuthorityCheckView(_ClientView):
    parser_classes = [JSONParser]
    rules = {"write": "deputyship.view_client"}  # a POST that writes nothing

    @extend_schema(tags=["Client affairs"], summary="May the council do this for the client? (writes nothing)",
                   description="Checks the action (sell property, a gift, a payment, a late fee) and amount against "
                               "the authority in force today and the court's permissions, and answers with the "
                               "decision and its reason. Nothing is saved.",
                   request=DeputyshipCheckInputSerializer,
                   responses={200: DeputyshipCheckOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        given = DeputyshipCheckInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        action, amount = given.validated_data["action"], given.validated_data.get("amount")
        decision = authority_check(client=client, action=action, amount=amount)
        return Response(DeputyshipCheckOutputSerializer({
            "client": client.pk, "action": action, "amount": amount, "allowed": decision.allowed,
            "reason": decision.reason, "authority": decision.authority.pk if decision.authority else None,
            "permission": decision.permission.pk if decision.permission else None}).data)


urlpatterns: list = [
    path("deputyship/clients/<int:id>/authority/", ClientAuthorityView.as_view(), name="deputyship-client-authority"),
    path("deputyship/clients/<int:id>/authority-check/", AuthorityCheckView.as_view(),
         name="deputyship-authority-check"),
]
