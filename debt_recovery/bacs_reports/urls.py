from django.urls import path

from debt_recovery.bacs_reports import views

urlpatterns = [
    path("debts/bacs-reports/", views.report_list, name="bacs-reports"),
    path("debts/bacs-reports/upload/", views.report_upload, name="bacs-report-upload"),
    path("debts/bacs-reports/confirm/", views.report_confirm, name="bacs-report-confirm"),
    path("debts/bacs-reports/<int:pk>/", views.report_detail, name="bacs-report"),
    path("debts/bacs-reports/reconciliation/", views.reconciliation, name="bacs-reconciliation"),
]
