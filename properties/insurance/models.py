"""Clients' property: the insurance part's tables."""

__all__: list[str] = []
