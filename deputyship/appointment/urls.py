"""The appointment part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.appointment import views

urlpatterns = [
    path("deputyship/authorities/<int:pk>/notify/", views.order_notify, name="order-notify"),
    path("deputyship/order-letters/<int:pk>/", views.notification_update, name="order-notification-update"),
    path("deputyship/authorities/<int:pk>/accounts/new/", views.account_add, name="account-add"),
    path("deputyship/accounts/<int:pk>/close/", views.account_close, name="account-close"),
]
