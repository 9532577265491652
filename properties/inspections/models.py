"""Clients' property: the inspections part's tables."""

__all__: list[str] = []
