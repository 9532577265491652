"""The safeguarding part's pages, in the ``deputyship`` namespace."""

from django.urls import path

from deputyship.safeguarding import views

urlpatterns = [
    path("clients/<int:pk>/deputyship/concerns/new/", views.concern_add, name="concern-add"),
    path("deputyship/concerns/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("deputyship/concerns/<int:pk>/meetings/new/", views.concern_meeting_add, name="concern-meeting-add"),
    path("deputyship/concerns/<int:pk>/close/", views.concern_close, name="concern-close"),
    path("clients/<int:pk>/deputyship/recoveries/new/", views.recovery_add, name="recovery-add"),
    path("deputyship/recoveries/<int:pk>/", views.recovery_detail, name="recovery-detail"),
    path("deputyship/recoveries/<int:pk>/receipts/new/", views.recovery_receipt_add, name="recovery-receipt-add"),
    path("deputyship/recoveries/<int:pk>/close/", views.recovery_close, name="recovery-close"),
]
