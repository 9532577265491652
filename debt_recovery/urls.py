from django.urls import path

from debt_recovery.accounts import views
from debt_recovery.bacs_reports import urls as bacs_report_urls
from debt_recovery.court import urls as court_urls
from debt_recovery.directdebits import urls as directdebit_urls
from debt_recovery.ladder import urls as ladder_urls
from debt_recovery.panel import urls as panel_urls
from debt_recovery.payments import urls as payments_urls
from debt_recovery.statements import urls as statements_urls
from debt_recovery.writeoffs import urls as writeoffs_urls
from people.views import client_section

app_name = "debt_recovery"

urlpatterns = [
    path("clients/<int:pk>/debts/", client_section, {"key": "debts"}, name="client-debts"),
    path("debts/", views.aged_debt, name="aged-debt"),
    path("debts/debtors/<int:pk>/", views.debtor_detail, name="debtor-detail"),
]

# Each part of debt recovery keeps its own pages' addresses.
for part in (writeoffs_urls, ladder_urls, court_urls, statements_urls, panel_urls, payments_urls, directdebit_urls,
             bacs_report_urls):
    urlpatterns += part.urlpatterns
