"""The safeguarding part's pages, in the ``deputyship`` namespace."""

urlpatterns: list = []
