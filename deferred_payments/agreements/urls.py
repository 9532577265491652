"""The agreements part's pages, in the ``deferred_payments`` namespace."""

from django.urls import path

from deferred_payments.agreements import views
from people.views import client_section

urlpatterns: list = [
    path("deferred-payments/", views.agreement_list, name="agreements"),
    path("deferred-payments/agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("deferred-payments/agreements/<int:pk>/application/", views.application_edit, name="application"),
    path("deferred-payments/agreements/<int:pk>/do/", views.agreement_action, name="agreement-action"),
    path("clients/<int:pk>/deferred-payments/", client_section, {"key": "deferred-payments"},
         name="client-deferred-payments"),
    path("clients/<int:pk>/deferred-payments/start/", views.application_start, name="application-start"),
]
