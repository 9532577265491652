from django.urls import path

from documents import views
from people.views import client_section

app_name = "documents"
urlpatterns = [
    path(
        "documents/clients/<int:client_pk>/contact-details/",
        views.contact_details_letter_request,
        name="contact-details-letter",
    ),
    path("clients/<int:pk>/letters/", client_section, {"key": "letters"}, name="client-letters"),
    path("documents/<int:pk>/download/", views.document_download, name="download"),
]
