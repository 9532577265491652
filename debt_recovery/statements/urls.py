from django.urls import path

from debt_recovery.statements import views

urlpatterns = [
    path("debts/statements/", views.statement_run_list, name="statement-runs"),
    path("debts/statements/runs/<int:pk>/", views.statement_run_detail, name="statement-run"),
    path("debts/statements/runs/<int:pk>/print-file/", views.statement_run_print_file, name="statement-run-print-file"),
    path("debts/statements/<int:pk>/", views.statement_detail, name="statement"),
]
