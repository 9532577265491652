"""Who may do what in the charges part (see :mod:`core.rules`)."""


def register() -> None:
    """Define this part's rules; called once from ``deferred_payments.rules.register()``."""
