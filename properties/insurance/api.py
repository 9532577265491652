"""Property insurance in the API: ``GET /api/v1/properties/{id}/insurance/``, the property's policies."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from properties.register.api import ERRORS, OneProperty


class InsurancePolicyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    insurer = serializers.CharField()
    policy_number = serializers.CharField()
    cover = serializers.CharField()
    unoccupied_cover = serializers.BooleanField()
    unoccupied_conditions = serializers.CharField()
    inspection_every_days = serializers.IntegerField(allow_null=True)
    starts_on = serializers.DateField()
    renews_on = serializers.DateField()
    premium = serializers.DecimalField(max_digits=10, decimal_places=2)
    cancelled_on = serializers.DateField(allow_null=True)


class PropertyInsuranceView(OneProperty):
    rules = {"read": "properties.view_client"}

    @extend_schema(tags=["Clients' property"], summary="A property's insurance policies",
                   responses={200: InsurancePolicyOutputSerializer(many=True), 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(InsurancePolicyOutputSerializer(self.get_rule_object().insurance_policies.all(), many=True).data)


urlpatterns = [path("properties/<int:id>/insurance/", PropertyInsuranceView.as_view(), name="properties-insurance")]
