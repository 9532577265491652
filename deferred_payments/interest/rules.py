"""Who may do what in the interest part (see :mod:`core.rules`)."""

from core.rules import define
from people.rules import works_anywhere


def register() -> None:
    """Define this part's rules; called once from ``deferred_payments.rules.register()``."""
    define("deferred_payments.calculate", works_anywhere, "Sign in as a member of a team to use the calculator.")
