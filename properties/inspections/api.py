"""Inspections in the API: ``GET /api/v1/properties/{id}/inspections/``, the visits to a property."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from properties.inspections.choices import Condition
from properties.register.api import ERRORS, OneProperty


class InspectionVisitOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    visited_on = serializers.DateField()
    inspector = serializers.CharField()
    condition = serializers.ChoiceField(choices=Condition.choices)
    findings = serializers.CharField()
    photos = serializers.SerializerMethodField()

    def get_photos(self, visit) -> list[int]:
        return [photo.document_id for photo in visit.photos.all()]


class PropertyInspectionsView(OneProperty):
    rules = {"read": "properties.view_client"}

    @extend_schema(tags=["Clients' property"], summary="Inspections of a property",
                   responses={200: InspectionVisitOutputSerializer(many=True), 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        visits = self.get_rule_object().inspections.prefetch_related("photos")
        return Response(InspectionVisitOutputSerializer(visits, many=True).data)


urlpatterns = [path("properties/<int:id>/inspections/", PropertyInspectionsView.as_view(),
                    name="properties-inspections")]
