"""Clients' property: the sale part's tables."""

__all__: list[str] = []
