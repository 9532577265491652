"""The repairs part's pages, in the ``properties`` namespace."""

urlpatterns: list = []
