"""The appointment part's pages, in the ``deputyship`` namespace."""

urlpatterns: list = []
