"""Deferred payment agreements: the rates part's tables."""

__all__: list[str] = []
