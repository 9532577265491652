"""The ending part's pages, in the ``deferred_payments`` namespace."""

from django.urls import path

from deferred_payments.ending import views

urlpatterns: list = [
    path("deferred-payments/agreements/<int:pk>/ending/", views.agreement_ending, name="agreement-ending"),
    path("deferred-payments/agreements/<int:pk>/final-statement/", views.final_statement, name="final-statement"),
]
