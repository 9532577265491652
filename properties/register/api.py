"""The property register's API, with the same rules as the pages.

``GET /api/v1/properties/`` lists the properties of the clients you may see (``?occupancy=`` narrows);
``GET /api/v1/properties/{id}/`` reads one, with what needs attention on it. The parts add
``.../{id}/insurance/``, ``.../{id}/inspections/``, ``.../{id}/tenancies/`` and ``.../{id}/certificates/``.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from people.api.serializers import ErrorSerializer
from properties.register import selectors
from properties.register.choices import Occupancy

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not yours to do: only the property team that holds the "
                                                      "client's case may change its property."),
    404: OpenApiResponse(ErrorSerializer, description="No such property, or not one you may see."),
}


def valid(serializer_class, data) -> dict:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return given.validated_data


class PropertyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    address = serializers.CharField()
    postcode = serializers.CharField()
    uprn = serializers.CharField()
    client_share = serializers.DecimalField(max_digits=5, decimal_places=2)
    occupancy = serializers.ChoiceField(choices=Occupancy.choices)
    occupancy_since = serializers.DateField(allow_null=True)
    has_gas_supply = serializers.BooleanField()


class PropertyDetailOutputSerializer(PropertyOutputSerializer):
    flags = serializers.ListField(child=serializers.CharField(), help_text="What needs attention, as sentences.")


class PropertyQuerySerializer(serializers.Serializer):
    occupancy = serializers.ChoiceField(choices=Occupancy.choices, required=False)


class PropertyListView(APIView):
    rules = {"read": "properties.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Clients' property"], summary="Properties you may see", parameters=[PropertyQuerySerializer],
                   responses={200: PropertyOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = valid(PropertyQuerySerializer, request.query_params)
        found = selectors.properties_visible_to(user=request.user).order_by("pk")
        if "occupancy" in query:
            found = found.filter(occupancy=query["occupancy"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(PropertyOutputSerializer(page, many=True).data)


class OneProperty(APIView):
    """A view about one property (``id`` in the URL): 404 alike for missing and not yours to see."""

    def get_rule_object(self):
        if not hasattr(self, "_home"):
            self._home = selectors.access_property(user=self.request.user, pk=self.kwargs["id"])
        return self._home


class PropertyDetailView(OneProperty):
    rules = {"read": "properties.view_client"}

    @extend_schema(tags=["Clients' property"], summary="A property",
                   responses={200: PropertyDetailOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        home = self.get_rule_object()
        home.flags = selectors.property_flags(home=home)
        return Response(PropertyDetailOutputSerializer(home).data)


urlpatterns = [
    path("properties/", PropertyListView.as_view(), name="properties-list"),
    path("properties/<int:id>/", PropertyDetailView.as_view(), name="properties-detail"),
]
