"""Clients' property: the clearance part's tables."""

__all__: list[str] = []
