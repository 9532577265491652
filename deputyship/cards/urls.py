"""The cards part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.cards import views

urlpatterns: list = [
    path("clients/<int:pk>/deputyship/prepaid-card/", views.client_cards, name="client-cards"),
    path("clients/<int:pk>/deputyship/prepaid-card/agreements/new/", views.agreement_add, name="card-agreement-add"),
    path("clients/<int:pk>/deputyship/prepaid-card/new/", views.card_issue, name="card-issue"),
    path("deputyship/prepaid-cards/<int:pk>/weekly-spend/", views.weekly_spend_change, name="card-weekly-spend"),
    path("deputyship/prepaid-cards/<int:pk>/balance/", views.balance_record, name="card-balance"),
    path("deputyship/prepaid-cards/<int:pk>/end/", views.card_end, name="card-end"),
    path("deputyship/prepaid-cards/<int:pk>/statements/new/", views.statement_import, name="card-statement-import"),
]
