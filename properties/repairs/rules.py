"""Who may do what in the repairs part (see :mod:`core.rules`)."""

from core.rules import define
from people.choices import Service
from people.rules import holds


def register() -> None:
    """Define this part's rules; called once from ``properties.rules.register()``."""
    # Approving a repair is the property team's, for a client it holds; the second person is checked by
    # the service (and the database) against who asked.
    define("properties.approve_repair", holds(Service.PROPERTY),
           "Only the property team that holds this client's case can approve its repairs.")
