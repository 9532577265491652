"""The lettings part's pages, in the ``properties`` namespace."""

from django.urls import path

from properties.lettings import views

urlpatterns = [
    path("properties/<int:pk>/certificates/new/", views.certificate_add, name="certificate-add"),
    path("properties/<int:pk>/tenancies/new/", views.tenancy_add, name="tenancy-add"),
    path("properties/tenancies/<int:pk>/", views.tenancy_detail, name="tenancy-detail"),
    path("properties/tenancies/<int:pk>/rent/", views.rent_receipt_add, name="rent-receipt-add"),
    path("properties/tenancies/<int:pk>/review/", views.rent_review_add, name="rent-review-add"),
]
