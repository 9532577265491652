"""What the audit app adds to the shared screens (:mod:`core.registry`): the Audit history section."""

from __future__ import annotations

from core.registry import Breadcrumbs, Crumb, MenuItem, registry
from people.hooks import HOME

HISTORY = Crumb("Audit history", "audit:history")


def register() -> None:
    registry.add_menu_item(MenuItem("Audit history", "audit:history", "audit.read_history", order=90,
                                    prefixes=("/audit/",)))
    registry.add_breadcrumbs(Breadcrumbs(("audit:record-access",), (HOME, HISTORY)))
