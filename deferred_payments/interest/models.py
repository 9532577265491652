"""Deferred payment agreements: the interest part's tables."""

__all__: list[str] = []
