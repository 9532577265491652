"""Client affairs casework: the safeguarding part's tables."""

__all__: list[str] = []
