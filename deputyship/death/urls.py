"""The death part's pages, in the ``deputyship`` namespace."""

urlpatterns: list = []
