"""The authority part's pages, in the ``deputyship`` namespace."""

urlpatterns: list = []
