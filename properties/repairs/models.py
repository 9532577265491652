"""Clients' property: the repairs part's tables."""

__all__: list[str] = []
