"""The sale part's pages, in the ``properties`` namespace."""

urlpatterns: list = []
