"""Who may do what in the accrual part (see :mod:`core.rules`): the agreement's money page uses the app's
``deferred_payments.view_client`` rule, checked against the agreement's client; the fee schedule is read by the
team (and readers) and changed only by its team leaders."""

from core.rules import define
from people.choices import Service
from people.rules import leads_in, reads_everything, works_in

TEAM = Service.DEFERRED_PAYMENTS


def register() -> None:
    """Define this part's rules; called once from ``deferred_payments.rules.register()``."""
    define("deferred_payments.view_fees", works_in(TEAM) | reads_everything,
           "The fee schedule is for the deferred payments team.")
    define("deferred_payments.edit_fees", leads_in(TEAM), "Only a deferred payments team leader may change the fees.")
