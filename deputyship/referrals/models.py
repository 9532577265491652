"""Client affairs casework: the referrals part's tables."""

__all__: list[str] = []
