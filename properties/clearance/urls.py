"""The clearance part's pages, in the ``properties`` namespace."""

urlpatterns: list = []
