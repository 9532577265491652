"""What the appointment part adds: its letter and the breadcrumbs of its pages."""

from __future__ import annotations

from core.registry import Breadcrumbs, registry
from deputyship.authority.hooks import IN_DEPUTYSHIP


def register() -> None:
    from deputyship.appointment.letters import ORDER_NOTICE
    from documents.letters import register_letter

    register_letter(ORDER_NOTICE)
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:order-notify", "deputyship:order-notification-update",
                                          "deputyship:account-add", "deputyship:account-close"), IN_DEPUTYSHIP))
