"""The clearance part's pages, in the ``properties`` namespace."""

from django.urls import path

from properties.clearance import views

urlpatterns: list = [
    path("properties/clearances/", views.clearance_list, name="clearances"),
    path("properties/homes/<int:pk>/clearance/new/", views.clearance_create, name="clearance-create"),
    path("properties/clearances/<int:pk>/", views.clearance_detail, name="clearance-detail"),
    path("properties/clearances/<int:pk>/items/new/", views.item_add, name="inventory-item-add"),
    path("properties/clearances/<int:pk>/safekeeping/new/", views.safekeeping_receive, name="safekeeping-receive"),
    path("properties/clearances/<int:pk>/storage/new/", views.storage_add, name="storage-contract-add"),
    path("properties/inventory/<int:pk>/", views.item_detail, name="inventory-item"),
    path("properties/inventory/<int:pk>/decide/", views.item_decide, name="inventory-item-decide"),
    path("properties/inventory/<int:pk>/leave/", views.item_leave, name="inventory-item-leave"),
    path("properties/inventory/<int:pk>/proceeds/", views.item_proceeds, name="inventory-item-proceeds"),
    path("properties/safekeeping/<int:pk>/receipt.pdf", views.safekeeping_receipt_pdf, name="safekeeping-receipt-pdf"),
    path("properties/storage/<int:pk>/pay/", views.storage_pay, name="storage-pay"),
]
