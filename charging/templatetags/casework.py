"""``{% client_casework client as casework %}``: what the client's casework section
(``charging/_casework_section.html``) shows, so the page that includes it needs only ``client``."""

from __future__ import annotations

from django import template

from charging.casework.selectors import client_casework as casework_for
from people.selectors import today

register = template.Library()


@register.simple_tag
def client_casework(client) -> dict:
    data = casework_for(client=client)
    missed = data["topup_invoices_missed"]
    data["topup_invoices_missed_text"] = f"{missed} invoice{'s' if missed != 1 else ''} followed up"
    data["today"] = today()
    return data
