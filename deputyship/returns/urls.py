"""The returns part's pages, in the ``deputyship`` namespace."""

urlpatterns: list = []
