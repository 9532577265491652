"""Who may do what in the clearance part (see :mod:`core.rules`)."""


def register() -> None:
    """Define this part's rules; called once from ``properties.rules.register()``."""
