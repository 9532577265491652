"""Deferred payment agreements: the accrual part's tables."""

__all__: list[str] = []
