"""Who may do what in the schedule part (see :mod:`core.rules`)."""


def register() -> None:
    """Define this part's rules; called once from ``deputyship.rules.register()``."""
