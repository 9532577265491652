"""Who may do what in the fees part (see :mod:`core.rules`)."""


def register() -> None:
    """Define this part's rules; called once from ``deputyship.rules.register()``."""
    from core.rules import define
    from deputyship.rules import TEAM
    from people.rules import is_administrator, leads_in

    define("deputyship.manage_fee_rates", leads_in(TEAM) | is_administrator,
           "Only a client affairs team leader or an administrator may change the fee rates.")
