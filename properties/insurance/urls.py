"""The insurance part's pages, in the ``properties`` namespace."""

from django.urls import path

from properties.insurance import views

urlpatterns = [
    path("properties/<int:pk>/insurance/new/", views.policy_add, name="policy-add"),
]
