"""Who may do what in the accrual part (see :mod:`core.rules`): the agreement's money page uses the app's
``deferred_payments.view_client`` rule, checked against the agreement's client."""


def register() -> None:
    """Define this part's rules; called once from ``deferred_payments.rules.register()``."""
