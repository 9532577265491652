from django.urls import path

from debt_recovery.accounts import views
from people.views import client_section

app_name = "debt_recovery"

urlpatterns = [
    path("clients/<int:pk>/debts/", client_section, {"key": "debts"}, name="client-debts"),
    path("debts/", views.aged_debt, name="aged-debt"),
    path("debts/debtors/<int:pk>/", views.debtor_detail, name="debtor-detail"),
]

from debt_recovery.ladder import urls as ladder_urls  # noqa: E402

urlpatterns += ladder_urls.urlpatterns

from debt_recovery.directdebits import urls as directdebit_urls  # noqa: E402

urlpatterns += directdebit_urls.urlpatterns

from debt_recovery.bacs_reports import urls as bacs_report_urls  # noqa: E402

urlpatterns += bacs_report_urls.urlpatterns

from debt_recovery.payments import urls as payments_urls  # noqa: E402

urlpatterns += payments_urls.urlpatterns
