"""Client affairs casework: the returns part's tables."""

__all__: list[str] = []
