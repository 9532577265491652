"""Client affairs casework: the cards part's tables."""

__all__: list[str] = []
