"""The statements part's pages, in the ``deferred_payments`` namespace."""

from django.urls import path

from deferred_payments.statements import views

urlpatterns: list = [
    path("deferred-payments/statements/<int:pk>/", views.statement, name="statement"),
    path("deferred-payments/agreements/<int:pk>/statements/request/", views.statement_request,
         name="statement-request"),
    path("deferred-payments/statement-requests/<int:pk>/issue/", views.statement_issue, name="statement-issue"),
]
