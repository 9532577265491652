"""The death part's API, in the ``api`` namespace under ``/api/v1/``.

- ``GET /api/v1/deputyship/estates/``: the deaths recorded for the clients you may see, each with its grant,
  the estate's release, the final account and the Bona Vacantia decision (``?awaiting_grant=true``)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.death.choices import GrantKind, NotifiedHow, WillStatus
from deputyship.death.models import Death
from people.api.serializers import ErrorSerializer
from people.selectors import clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
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


urlpatterns: list = [
    path("deputyship/estates/", DeputyshipEstateListView.as_view(), name="deputyship-estates"),
]
