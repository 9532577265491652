"""Deferred payment agreements: the charges part's tables."""

__all__: list[str] = []
