from django.urls import path

from audit import views
from people.views import client_section

app_name = "audit"
urlpatterns = [
    path("audit/history/", views.history, name="history"),
    path("audit/history/export/", views.export, name="export"),
    path("clients/<int:pk>/history/", client_section, {"key": "history"}, name="client-history"),
    path("audit/record-access/", views.record_access, name="record-access"),
]
