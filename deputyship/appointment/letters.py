"""The letter telling an organisation that holds the client's accounts or bills of the council's authority
(the order or appointeeship) and where to write from now on. Registered from the part's hooks."""

from __future__ import annotations

import datetime as dt

from documents.choices import DocumentKind
from documents.letters import LetterSpec, letterhead


def order_notice_data(*, client, on: dt.date, contact, authority, description: str = "") -> dict:
    head = letterhead()
    lines = [line for line in contact.address.strip().splitlines() if line.strip()]
    return {
        "letterhead": head,
        "letter": {"title": DocumentKind.DEPUTYSHIP_ORDER_NOTICE.label, "date": on,
                   "reference": client.council_reference, "salutation": "Dear Sir or Madam"},
        "recipient": {"name": contact.name, "address_lines": lines, "kind": "contact", "role": "", "label": contact.name},
        "copies": [], "about": "", "sent_because": "Holds the client's account or bill.",
        "client": {"full_name": client.full_name, "date_of_birth": client.date_of_birth},
        "account": description,
        "authority": {"kind": authority.get_kind_display(), "reference": authority.reference,
                      "made_on": authority.made_on, "is_deputy": authority.kind == "deputy"},
        "correspondence_lines": [head["council"], head["department"],
                                 *(head.get("client_affairs_address_lines") or head["address_lines"])],
    }


ORDER_NOTICE = LetterSpec(kind=DocumentKind.DEPUTYSHIP_ORDER_NOTICE, title=DocumentKind.DEPUTYSHIP_ORDER_NOTICE.label,
                          template_name="deputyship/appointment/letters/order_notice.html", template_version="1",
                          build=order_notice_data)
