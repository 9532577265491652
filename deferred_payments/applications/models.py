"""Deferred payment agreements: the applications part's tables."""

__all__: list[str] = []
