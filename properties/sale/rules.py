"""Who may do what in the sale part (see :mod:`core.rules`)."""


def register() -> None:
    """This part uses the app's shared rules (``properties.work_client``, ``properties.view_client``)."""
