"""Client affairs casework: the appointment part's tables."""

__all__: list[str] = []
