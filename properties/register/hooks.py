"""What the register part adds to the shared screens (:mod:`core.registry`)."""


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``properties.hooks.register()``."""
