"""The returns part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.returns import views

urlpatterns = [
    path("deputyship/returns/", views.returns, name="returns"),
    path("deputyship/returns/<int:pk>/", views.return_detail, name="return-detail"),
    path("deputyship/returns/<int:pk>/entries/", views.return_entry_add, name="return-entry-add"),
    path("deputyship/returns/<int:pk>/difference/", views.return_difference, name="return-difference"),
    path("deputyship/returns/<int:pk>/ready/", views.return_ready, name="return-ready"),
    path("deputyship/returns/<int:pk>/render/", views.return_render, name="return-render"),
    path("deputyship/returns/<int:pk>/submitted/", views.return_submitted, name="return-submitted"),
]
