from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path(
        "clients/<int:client_pk>/contact-details/",
        views.contact_details_letter_request,
        name="contact-details-letter",
    ),
    path("<int:pk>/download/", views.document_download, name="download"),
]
