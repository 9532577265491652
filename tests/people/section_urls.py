"""The site's URLs and one more client tab, for the test of a tab only some users may open."""

from django.urls import path

from config.urls import handler403, handler404, urlpatterns as site  # noqa: F401
from people.views import client_section

urlpatterns = [
    *site,
    path("clients/<int:pk>/leaders-only/", client_section, {"key": "leaders-only"}, name="client-leaders-only"),
]
