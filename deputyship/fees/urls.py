"""The fees part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.fees import views

urlpatterns = [
    path("deputyship/fees/", views.fees, name="fees"),
    path("deputyship/fees/charge/", views.fee_charge, name="fee-charge"),
    path("deputyship/fees/<int:pk>/reverse/", views.fee_reverse, name="fee-reverse"),
    path("deputyship/fees/rates/", views.fee_rates, name="fee-rates"),
    path("deputyship/fees/rates/new/", views.fee_rate_add, name="fee-rate-add"),
    path("deputyship/orders/<int:pk>/opg-fees/new/", views.opg_fee_pay, name="opg-fee-pay"),
]
