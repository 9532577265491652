"""Client affairs casework: the payruns part's tables."""

__all__: list[str] = []
