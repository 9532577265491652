from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("history/", views.history, name="history"),
    path("history/export/", views.export, name="export"),
    path("record-access/", views.record_access, name="record-access"),
]
