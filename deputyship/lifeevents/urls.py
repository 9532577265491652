"""The life events part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.lifeevents import views

urlpatterns: list = [
    path("deputyship/life-casework/", views.casework, name="life-casework"),
    path("clients/<int:pk>/deputyship/life/", views.client_life, name="client-life"),
    path("clients/<int:pk>/deputyship/life/events/new/", views.life_event_add, name="life-event-add"),
    path("clients/<int:pk>/deputyship/life/investments/new/", views.investment_add, name="investment-add"),
    path("deputyship/investments/<int:pk>/review/", views.investment_review, name="investment-review"),
    path("clients/<int:pk>/deputyship/life/tax-returns/new/", views.tax_return_add, name="tax-return-add"),
    path("deputyship/tax-returns/<int:pk>/filed/", views.tax_return_filed, name="tax-return-filed"),
    path("clients/<int:pk>/deputyship/life/funeral-plan/new/", views.funeral_plan_decide,
         name="funeral-plan-decide"),
    path("clients/<int:pk>/deputyship/life/debts/new/", views.client_debt_add, name="client-debt-add"),
    path("clients/<int:pk>/deputyship/life/benefit-checks/new/", views.benefit_check_add, name="benefit-check-add"),
    path("clients/<int:pk>/deputyship/life/documents/new/", views.cherished_document_add,
         name="cherished-document-add"),
    path("deputyship/cherished-documents/<int:pk>/move/", views.cherished_document_move,
         name="cherished-document-move"),
    path("deputyship/cherished-documents/<int:pk>/return/", views.cherished_document_return,
         name="cherished-document-return"),
]
