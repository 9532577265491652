"""The register part's pages, in the ``properties`` namespace."""

from django.urls import path

from people.views import client_section
from properties.register import views

urlpatterns = [
    path("clients/<int:pk>/property/", client_section, {"key": "property"}, name="client-property"),
    path("properties/", views.property_list, name="properties"),
    path("properties/<int:pk>/", views.property_detail, name="property-detail"),
    path("properties/<int:pk>/timeline/", views.property_timeline_page, name="property-timeline"),
    path("properties/<int:pk>/joint-owners/new/", views.joint_owner_add, name="joint-owner-add"),
    path("properties/<int:pk>/occupancy/", views.occupancy_change, name="occupancy-change"),
    path("properties/<int:pk>/keys/new/", views.keys_add, name="keys-add"),
    path("properties/keys/<int:pk>/returned/", views.keys_returned, name="keys-returned"),
    path("properties/<int:pk>/valuations/new/", views.valuation_add, name="valuation-add"),
]
