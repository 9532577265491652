"""Clients' property: the lettings part's tables."""

__all__: list[str] = []
