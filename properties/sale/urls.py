"""The sale part's pages, in the ``properties`` namespace."""

from django.urls import path

from properties.sale import views

urlpatterns: list = [
    path("properties/sales/", views.sale_list, name="sales"),
    path("properties/homes/<int:pk>/sale/", views.sale_start, name="sale-start"),
    path("properties/homes/<int:pk>/sale/court-application/", views.court_application, name="sale-court-application"),
    path("properties/sales/<int:pk>/", views.sale_detail, name="sale-detail"),
    path("properties/sales/<int:pk>/court-permission/", views.court_permission, name="sale-court-permission"),
    path("properties/sales/<int:pk>/marketing/", views.sale_market, name="sale-market"),
    path("properties/sales/<int:pk>/offers/new/", views.offer_add, name="sale-offer-add"),
    path("properties/offers/<int:pk>/decide/", views.offer_decide, name="sale-offer-decide"),
    path("properties/sales/<int:pk>/solicitor/", views.sale_solicitor, name="sale-solicitor"),
    path("properties/sales/<int:pk>/exchange/", views.sale_exchange, name="sale-exchange"),
    path("properties/sales/<int:pk>/completion/", views.sale_complete, name="sale-complete"),
    path("properties/sales/<int:pk>/withdraw/", views.sale_withdraw, name="sale-withdraw"),
]
