"""The cards part's pages, in the ``deputyship`` namespace."""

urlpatterns: list = []
