"""Lettings in the API: ``GET /api/v1/properties/{id}/tenancies/`` (with each one's rent account) and
``GET``/``POST /api/v1/properties/{id}/certificates/`` (record a gas safety record, EICR or EPC)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from properties.lettings import services
from properties.lettings.choices import CertificateKind, DepositScheme, EnergyRating, RentFrequency
from properties.lettings.selectors import rent_account
from properties.register.api import ERRORS, OneProperty, valid


class TenancyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tenant = serializers.CharField()
    rent = serializers.DecimalField(max_digits=10, decimal_places=2)
    rent_frequency = serializers.ChoiceField(choices=RentFrequency.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    deposit = serializers.DecimalField(max_digits=10, decimal_places=2)
    deposit_scheme = serializers.ChoiceField(choices=DepositScheme.choices, allow_blank=True)
    deposit_protected_on = serializers.DateField(allow_null=True)
    rent_due_to_date = serializers.SerializerMethodField()
    rent_received = serializers.SerializerMethodField()
    arrears = serializers.SerializerMethodField()

    def _account(self, tenancy):
        if not hasattr(tenancy, "_account"):
            tenancy._account = rent_account(tenancy=tenancy)
        return tenancy._account

    def get_rent_due_to_date(self, tenancy) -> str:
        return f"{self._account(tenancy).due_total:.2f}"

    def get_rent_received(self, tenancy) -> str:
        return f"{self._account(tenancy).received:.2f}"

    def get_arrears(self, tenancy) -> str:
        return f"{self._account(tenancy).arrears:.2f}"


class CertificateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CertificateKind.choices)
    checked_on = serializers.DateField()
    expires_on = serializers.DateField()
    rating = serializers.CharField()
    engineer = serializers.CharField()
    reference = serializers.CharField()
    copy_to_tenant_on = serializers.DateField(allow_null=True)


class CertificateInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CertificateKind.choices)
    checked_on = serializers.DateField()
    rating = serializers.ChoiceField(choices=EnergyRating.choices, required=False, allow_blank=True, default="")
    engineer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    copy_to_tenant_on = serializers.DateField(required=False, allow_null=True, default=None)


class PropertyTenanciesView(OneProperty):
    rules = {"read": "properties.view_client"}

    @extend_schema(tags=["Clients' property"], summary="A property's tenancies, with rent due and received",
                   responses={200: TenancyOutputSerializer(many=True), 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(TenancyOutputSerializer(self.get_rule_object().tenancies.all(), many=True).data)


class PropertyCertificatesView(OneProperty):
    rules = {"read": "properties.view_client", "write": "properties.work_client"}

    @extend_schema(tags=["Clients' property"], summary="A property's certificates",
                   responses={200: CertificateOutputSerializer(many=True), 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(CertificateOutputSerializer(self.get_rule_object().certificates.all(), many=True).data)

    @extend_schema(tags=["Clients' property"], summary="Record a certificate", request=CertificateInputSerializer,
                   description="A gas safety record (runs out after 12 months), EICR (5 years) or EPC (10 years, "
                               "with its rating).", responses={201: CertificateOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = valid(CertificateInputSerializer, request.data)
        made = services.certificate_record(acting_user=request.user, home=self.get_rule_object(), **data)
        return Response(CertificateOutputSerializer(made).data, status=201)


urlpatterns = [
    path("properties/<int:id>/tenancies/", PropertyTenanciesView.as_view(), name="properties-tenancies"),
    path("properties/<int:id>/certificates/", PropertyCertificatesView.as_view(), name="properties-certificates"),
]
