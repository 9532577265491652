"""The accrual part's pages, in the ``deferred_payments`` namespace."""

from django.urls import path

from deferred_payments.accrual import views

urlpatterns: list = [
    path("deferred-payments/agreements/<int:pk>/money/", views.agreement_money, name="agreement-money"),
    path("deferred-payments/fees/", views.fees, name="fees"),
    path("deferred-payments/fees/new/", views.fee_add, name="fee-add"),
    path("deferred-payments/fees/<int:pk>/", views.fee_change, name="fee-change"),
]
