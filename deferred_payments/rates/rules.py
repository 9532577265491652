"""Who may do what with the national interest rates (see :mod:`core.rules`)."""

from core.rules import define
from people.choices import Service
from people.rules import leads_in, reads_everything, works_in

TEAM = Service.DEFERRED_PAYMENTS


def register() -> None:
    """Define this part's rules; called once from ``deferred_payments.rules.register()``."""
    define("deferred_payments.view_rates", works_in(TEAM) | reads_everything,
           "The interest rates are for the deferred payments team.")
    define("deferred_payments.enter_rates", leads_in(TEAM), "Only a deferred payments team leader may enter rates.")
