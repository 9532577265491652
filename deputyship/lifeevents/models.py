"""Client affairs casework: the lifeevents part's tables."""

__all__: list[str] = []
