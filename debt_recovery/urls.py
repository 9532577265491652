from django.urls import path

from debt_recovery.accounts import views
from debt_recovery.statements import urls as statements_urls
from people.views import client_section

app_name = "debt_recovery"

urlpatterns = [
    path("clients/<int:pk>/debts/", client_section, {"key": "debts"}, name="client-debts"),
    path("debts/", views.aged_debt, name="aged-debt"),
    path("debts/debtors/<int:pk>/", views.debtor_detail, name="debtor-detail"),
]
urlpatterns += statements_urls.urlpatterns
