"""The council's charging policy pages, in the ``charging`` namespace (gathered by :mod:`charging.urls`)."""

from django.urls import path

from charging.policy import views

urlpatterns = [
    path("charging/policy/", views.policy_list, name="policy"),
    path("charging/policy/add/", views.policy_add, name="policy-add"),
]
