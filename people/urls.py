from django.urls import path

from people import views

app_name = "people"
urlpatterns: list = [
    # Filled in by the people pages: client search, client page, contacts, notes, tasks.
]
