"""The schedule part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.schedule import views

urlpatterns = [
    path("clients/<int:pk>/income-and-bills/", views.client_schedule, name="client-schedule"),
    path("clients/<int:pk>/income-and-bills/income/new/", views.expected_income_add, name="expected-income-add"),
    path("clients/<int:pk>/income-and-bills/bills/new/", views.scheduled_payment_add, name="scheduled-payment-add"),
    path("clients/<int:pk>/income-and-bills/payments/new/", views.payment_request_add, name="payment-request-add"),
    path("deputyship/payment-requests/<int:pk>/approve/", views.payment_request_approve,
         name="payment-request-approve"),
    path("deputyship/payment-requests/<int:pk>/cancel/", views.payment_request_cancel, name="payment-request-cancel"),
    path("deputyship/missed-income/", views.missed_income, name="missed-income"),
]
