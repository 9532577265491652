"""The inspections part's pages, in the ``properties`` namespace."""

from django.urls import path

from properties.inspections import views

urlpatterns = [
    path("properties/<int:pk>/inspections/new/", views.inspection_add, name="inspection-add"),
]
