"""Client affairs casework: the death part's tables."""

__all__: list[str] = []
