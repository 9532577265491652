"""What the safeguarding part adds: the breadcrumbs of its pages (its records show on the Deputyship tab)."""

from __future__ import annotations

from core.registry import Breadcrumbs, registry
from deputyship.authority.hooks import IN_DEPUTYSHIP


def register() -> None:
    registry.add_breadcrumbs(Breadcrumbs((
        "deputyship:concern-add", "deputyship:concern-detail", "deputyship:concern-meeting-add",
        "deputyship:concern-close", "deputyship:recovery-add", "deputyship:recovery-detail",
        "deputyship:recovery-receipt-add", "deputyship:recovery-close"), IN_DEPUTYSHIP))
