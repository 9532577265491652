"""Who may do what in the payruns part (see :mod:`core.rules`)."""


def register() -> None:
    """Define this part's rules; called once from ``deputyship.rules.register()``."""
