"""Who may do what in the clearance part (see :mod:`core.rules`)."""

from core.rules import define
from people.choices import Service
from people.rules import holds, leads_for


def register() -> None:
    """Define this part's rules; called once from ``properties.rules.register()``."""
    # Keeping or storing an item: the officer holding the case. Selling, giving away or disposing of the
    # client's belongings parts them from them for good: a leader of the team holding the case.
    define("properties.decide_item", holds(Service.PROPERTY),
           "Only the property team that holds this client's case can decide about their belongings.")
    define("properties.decide_item_for_good", leads_for(Service.PROPERTY),
           "Only a leader of the property team holding the case may decide to sell, give away or dispose of "
           "the client's belongings.")
