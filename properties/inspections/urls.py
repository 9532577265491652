"""The inspections part's pages, in the ``properties`` namespace."""

urlpatterns: list = []
