"""Deferred payment agreements: the statements part's tables."""

__all__: list[str] = []
