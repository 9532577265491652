from django.urls import path

from debt_recovery.panel import views

urlpatterns = [
    path("debts/debtors/<int:pk>/debt-panel/", views.panel_case_prepare, name="panel-prepare"),
    path("debts/debt-panel/", views.panel_cases, name="panel-cases"),
    path("debts/debt-panel/<int:pk>/", views.panel_case, name="panel-case"),
    path("debts/debt-panel/<int:pk>/pack.pdf", views.panel_case_pdf, name="panel-pack"),
]
