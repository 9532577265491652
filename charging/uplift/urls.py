"""The April uplift's pages, in the ``charging`` namespace (gathered by :mod:`charging.urls`)."""

from django.urls import path

from charging.uplift import views

urlpatterns = [
    path("charging/uplifts/", views.uplift_list, name="uplifts"),
    path("charging/uplifts/<int:pk>/", views.uplift_detail, name="uplift-detail"),
    path("charging/uplifts/<int:pk>/people/<int:item_pk>/", views.uplift_item, name="uplift-item"),
    path("charging/uplifts/<int:pk>/commit/", views.uplift_commit, name="uplift-commit"),
]
