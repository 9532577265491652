"""Client affairs casework: the schedule part's tables."""

__all__: list[str] = []
