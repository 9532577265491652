"""The insurance part's API, in the ``api`` namespace under ``/api/v1/``."""

urlpatterns: list = []
