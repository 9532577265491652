"""What clients' property adds to the shared screens (:mod:`core.registry`): each part registers its own
sections, panels, jobs and demo step."""

from __future__ import annotations


def register() -> None:
    from properties.register import hooks as register_hooks
    from properties.insurance import hooks as insurance_hooks
    from properties.inspections import hooks as inspections_hooks
    from properties.lettings import hooks as lettings_hooks
    from properties.repairs import hooks as repairs_hooks
    from properties.clearance import hooks as clearance_hooks
    from properties.sale import hooks as sale_hooks

    for part in (register_hooks, insurance_hooks, inspections_hooks, lettings_hooks, repairs_hooks, clearance_hooks, sale_hooks):
        part.register()
