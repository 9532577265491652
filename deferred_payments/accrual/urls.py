"""The accrual part's pages, in the ``deferred_payments`` namespace."""

from django.urls import path

from deferred_payments.accrual import views

urlpatterns: list = [
    path("deferred-payments/agreements/<int:pk>/money/", views.agreement_money, name="agreement-money"),
]
