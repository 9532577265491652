"""The authority part's pages, in the ``deputyship`` namespace: the client's Deputyship tab and the authority's forms."""

from django.urls import path

from deputyship.authority import views

urlpatterns = [
    path("clients/<int:pk>/deputyship/", views.client_deputyship, name="client-deputyship"),
    path("clients/<int:pk>/deputyship/authority/new/", views.authority_add, name="authority-add"),
    path("clients/<int:pk>/deputyship/authority-check/", views.authority_check_page, name="authority-check"),
    path("deputyship/authorities/<int:pk>/end/", views.authority_end, name="authority-end"),
    path("deputyship/authorities/<int:pk>/permissions/new/", views.court_permission_add, name="court-permission-add"),
    path("deputyship/authorities/<int:pk>/bond/", views.bond_add, name="bond-add"),
]
