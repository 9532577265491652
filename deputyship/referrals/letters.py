"""The letter telling a relative or interested party that the council is applying to the Court of Protection
to be the client's property and affairs deputy. Registered with ``documents`` from the part's hooks."""

from __future__ import annotations

import datetime as dt

from documents.choices import DocumentKind
from documents.letters import LetterSpec, letterhead


def party_notice_data(*, client, on: dt.date, party, referral) -> dict:
    contact = party.contact
    lines = [line for line in contact.address.strip().splitlines() if line.strip()]
    return {
        "letterhead": letterhead(),
        "letter": {"title": DocumentKind.DEPUTYSHIP_PARTY_NOTICE.label, "date": on,
                   "reference": client.council_reference, "salutation": f"Dear {contact.name}"},
        "recipient": {"name": contact.name, "address_lines": lines, "kind": "contact", "role": party.relationship,
                      "label": contact.name},
        "copies": [], "about": "", "sent_because": "Named as an interested party in the application.",
        "client": {"full_name": client.full_name, "display_name": client.display_name},
        "relationship": party.relationship,
        "authority_sought": referral.get_authority_sought_display(),
    }


PARTY_NOTICE = LetterSpec(kind=DocumentKind.DEPUTYSHIP_PARTY_NOTICE, title=DocumentKind.DEPUTYSHIP_PARTY_NOTICE.label,
                          template_name="deputyship/referrals/letters/party_notice.html", template_version="1",
                          build=party_notice_data)
