"""Who may do what in the fees part (see :mod:`core.rules`)."""


def register() -> None:
    """Define this part's rules; called once from ``deputyship.rules.register()``."""
