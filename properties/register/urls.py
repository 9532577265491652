"""The register part's pages, in the ``properties`` namespace."""

urlpatterns: list = []
