"""The life events part's API, in the ``api`` namespace under ``/api/v1/``.

- ``GET /api/v1/deputyship/cherished-documents/``: the cherished documents register of the clients you may
  see (``?client=``, ``?held=true`` for those the council still holds)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.lifeevents.choices import DocumentKind
from deputyship.lifeevents.models import CherishedDocument
from people.api.serializers import ErrorSerializer
from people.selectors import clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
}


class DeputyshipDocumentQuerySerializer(serializers.Serializer):
    client = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)
    held = serializers.BooleanField(required=False, default=False)


class DeputyshipDocumentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    description = serializers.CharField()
    location = serializers.CharField()
    received_on = serializers.DateField()
    returned_on = serializers.DateField(allow_null=True)
    returned_to = serializers.CharField()


class DeputyshipDocumentListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="Cherished documents register",
                   parameters=[DeputyshipDocumentQuerySerializer],
                   responses={200: DeputyshipDocumentOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request):
        query = DeputyshipDocumentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        documents = CherishedDocument.objects.filter(client__in=clients_visible_to(user=request.user))
        if query.validated_data.get("client"):
            documents = documents.filter(client_id=query.validated_data["client"])
        if query.validated_data["held"]:
            documents = documents.filter(returned_on__isnull=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(documents.order_by("client_id", "kind", "id"), request, view=self)
        return paginator.get_paginated_response(DeputyshipDocumentOutputSerializer(page, many=True).data)


urlpatterns: list = [
    path("deputyship/cherished-documents/", DeputyshipDocumentListView.as_view(),
         name="deputyship-cherished-documents"),
]
