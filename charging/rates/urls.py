"""The rate tables' pages, in the ``charging`` namespace (gathered by :mod:`charging.urls`)."""

from django.urls import path

from charging.rates import views

urlpatterns = [
    path("charging/rates/", views.rate_list, name="rates"),
    path("charging/rates/add/", views.rate_add, name="rate-add"),
    path("charging/rates/<str:code>/", views.rate_detail, name="rate-detail"),
]
