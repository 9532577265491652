"""The payruns part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.payruns import views

urlpatterns = [
    path("deputyship/payment-runs/", views.runs, name="payment-runs"),
    path("deputyship/payment-runs/<int:pk>/", views.run_detail, name="payment-run"),
    path("deputyship/payment-runs/<int:pk>/check/", views.run_check, name="payment-run-check"),
    path("deputyship/payment-runs/<int:pk>/approve/", views.run_approve, name="payment-run-approve"),
    path("deputyship/payment-runs/<int:pk>/bacs-file/", views.run_bacs_file, name="payment-run-bacs-file"),
    path("deputyship/payment-runs/<int:pk>/csv-file/", views.run_csv_file, name="payment-run-csv-file"),
    path("deputyship/payment-run-lines/<int:pk>/remove/", views.line_remove, name="payment-run-line-remove"),
    path("deputyship/payment-run-lines/<int:pk>/reject/", views.line_reject, name="payment-run-line-reject"),
]
