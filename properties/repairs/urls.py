"""The repairs part's pages, in the ``properties`` namespace."""

from django.urls import path

from properties.repairs import views

urlpatterns: list = [
    path("properties/repairs/", views.repair_list, name="repairs"),
    path("properties/homes/<int:pk>/", views.home_work, name="home-work"),
    path("properties/homes/<int:pk>/repairs/new/", views.repair_report, name="repair-report"),
    path("properties/repairs/<int:pk>/", views.repair_detail, name="repair-detail"),
    path("properties/repairs/<int:pk>/quotes/new/", views.quote_add, name="repair-quote-add"),
    path("properties/repairs/<int:pk>/approval/", views.approval_request, name="repair-approval-request"),
    path("properties/repairs/<int:pk>/approve/", views.repair_approve, name="repair-approve"),
    path("properties/repairs/<int:pk>/complete/", views.repair_complete, name="repair-complete"),
    path("properties/repairs/<int:pk>/pay/", views.repair_pay, name="repair-pay"),
    path("properties/repairs/<int:pk>/cancel/", views.repair_cancel, name="repair-cancel"),
]
