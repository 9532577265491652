"""The accrual part's pages, in the ``deferred_payments`` namespace."""

urlpatterns: list = []
