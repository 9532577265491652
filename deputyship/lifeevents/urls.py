"""The life events part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.lifeevents import views

urlpatterns: list = [
    path("deputyship/life-casework/", views.casework, name="life-casework"),
]
