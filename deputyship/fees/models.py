"""Client affairs casework: the fees part's tables."""

__all__: list[str] = []
