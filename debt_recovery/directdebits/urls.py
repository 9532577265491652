from django.urls import path

from debt_recovery.directdebits import views

urlpatterns = [
    path("debts/debtors/<int:pk>/direct-debit/", views.debtor_direct_debit, name="debtor-direct-debit"),
    path("debts/debtors/<int:pk>/direct-debit/new/", views.mandate_new, name="dd-mandate-new"),
    path("debts/direct-debits/<int:pk>/cancel/", views.mandate_cancel, name="dd-mandate-cancel"),
    path("debts/direct-debit-runs/", views.runs, name="dd-runs"),
    path("debts/direct-debit-runs/<int:pk>/", views.run_detail, name="dd-run"),
    path("debts/direct-debit-files/<int:pk>/", views.bacs_file_download, name="dd-file"),
]
