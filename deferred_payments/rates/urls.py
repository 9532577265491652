"""The rates part's pages, in the ``deferred_payments`` namespace."""

from django.urls import path

from deferred_payments.rates import views

urlpatterns: list = [
    path("deferred-payments/rates/", views.rates, name="rates"),
    path("deferred-payments/rates/new/", views.rate_edit, name="rate-add"),
    path("deferred-payments/rates/<int:pk>/", views.rate_edit, name="rate-edit"),
]
