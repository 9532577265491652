"""Deferred payment agreements: the ending part's tables."""

__all__: list[str] = []
