"""The letters we make, and the data each is made from.

Each letter has a :class:`LetterSpec`: its title, template, template version (raise it whenever the
template's wording or layout changes, so a stored document says which version it was made with) and
a function that gathers the data from the record. The template is rendered from that data only, never
from the live record, so the stored ``Document.data`` is exactly what the letter says.

A domain app's letters are registered by that app (:func:`register_letter`, from its ``AppConfig.ready``),
so this app never imports a domain app; their ``build`` functions take further keyword arguments (e.g.
the assessment a letter is about), passed through ``document_request(letter_args=...)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from core.exceptions import ApplicationError
from documents.choices import DocumentKind
from people.choices import AddressKind, Relationship
from people.models import Client
from people.selectors import client_contacts

# The council's letterhead. A council sets its own with ``COUNCIL_LETTERHEAD`` in the settings
# (same keys); these are placeholders in the reserved example ranges.
DEFAULT_LETTERHEAD = {
    "council": "Your Council",
    "department": "Adult Social Care Finance",
    "address_lines": ["Council Offices", "Town Hall Square", "Anytown", "AN1 1AA"],
    "phone": "01632 960000",
    "email": "ascfinance@council.example",
    "opening_hours": "Monday to Friday, 9am to 5pm",
}

# Which current address a letter to the client goes to, in order of preference.
POSTAL_ADDRESS_ORDER = [AddressKind.CORRESPONDENCE, AddressKind.HOME, AddressKind.CARE_HOME]


@dataclass(frozen=True)
class LetterSpec:
    kind: str
    title: str
    template_name: str
    template_version: str
    build: Callable[..., dict]


def letterhead() -> dict:
    return {**DEFAULT_LETTERHEAD, **getattr(settings, "COUNCIL_LETTERHEAD", {})}


def _postal_address(addresses: list) -> object | None:
    for kind in POSTAL_ADDRESS_ORDER:
        for address in addresses:
            if address.kind == kind:
                return address
    return None


def _salutation(client: Client) -> str:
    if client.title:
        return f"Dear {client.title} {client.last_name}"
    return f"Dear {client.first_name} {client.last_name}"


def _relationship(link) -> str:
    # "Organisation (bank, DWP, utility...)" is our filing label; the person reads what it is.
    if link.relationship == Relationship.ORGANISATION and link.contact.organisation_type:
        return link.contact.get_organisation_type_display()
    return link.get_relationship_display()


def contact_details_data(*, client: Client, on: dt.date) -> dict:
    """What the "Contact details we hold for you" letter shows: the client's own details, their
    current addresses and the people and organisations we hold for them, as at ``on``."""
    if client.date_of_death:
        raise ApplicationError(
            f"{client.full_name} died on {client.date_of_death:%d %B %Y}, so we do not send this letter.",
            code="client_deceased",
        )
    addresses = [a for a in client.addresses.all() if a.is_current(on)]
    postal = _postal_address(addresses)
    if postal is None:
        raise ApplicationError(
            "We hold no current home or correspondence address for this client, so the letter could "
            "not be posted. Add an address first.",
            code="no_postal_address",
        )
    kind_order = {kind: i for i, kind in enumerate(POSTAL_ADDRESS_ORDER)}
    addresses.sort(key=lambda a: (kind_order.get(a.kind, len(kind_order)), a.start_date))
    links = [
        link for link in client_contacts(client=client)
        if (link.start_date is None or link.start_date <= on) and (link.end_date is None or link.end_date >= on)
    ]
    recipient_name = " ".join(part for part in [client.title, client.first_name, client.last_name] if part)
    return {
        "letterhead": letterhead(),
        "letter": {
            "title": DocumentKind.CONTACT_DETAILS.label,
            "date": on,
            "reference": client.council_reference,
            "salutation": _salutation(client),
        },
        "recipient": {"name": recipient_name, "address_lines": postal.lines},
        "client": {
            "title": client.title,
            "full_name": client.full_name,
            "preferred_name": client.preferred_name,
            "date_of_birth": client.date_of_birth,
            "nhs_number": client.nhs_number_display,
            "phone": client.phone,
            "email": client.email,
        },
        "addresses": [
            {"kind": a.get_kind_display(), "lines": a.lines, "since": a.start_date} for a in addresses
        ],
        "contacts": [
            {
                "name": link.contact.name,
                "organisation": link.contact.organisation_name,
                "relationship": _relationship(link),
                "description": link.description,
                "is_next_of_kin": link.is_next_of_kin,
                "phone": link.contact.phone,
                "email": link.contact.email,
                "address": link.contact.address,
            }
            for link in links
        ],
    }


LETTERS: dict[str, LetterSpec] = {
    DocumentKind.CONTACT_DETAILS: LetterSpec(
        kind=DocumentKind.CONTACT_DETAILS,
        title=DocumentKind.CONTACT_DETAILS.label,
        template_name="documents/letters/contact_details.html",
        template_version="1",
        build=contact_details_data,
    ),
}


def register_letter(spec: LetterSpec) -> None:
    """Add a domain app's letter (called from the app's ``AppConfig.ready``)."""
    if spec.kind not in DocumentKind.values:
        raise ValueError(f"{spec.kind!r} is not a DocumentKind: add it to documents.choices first.")
    LETTERS[spec.kind] = spec


def recipient(*, client: Client, on: dt.date) -> dict:
    """Who a letter about ``client`` is addressed to and where it goes: the client at their current
    correspondence, home or care home address (their personal representatives, once they have died).
    Refuses, with a sentence, when there is no current address to post it to."""
    addresses = [a for a in client.addresses.all() if a.is_current(on)]
    postal = _postal_address(addresses)
    if postal is None:
        raise ApplicationError(
            "We hold no current home, care home or correspondence address for this client, so the letter "
            "could not be posted. Add an address first.",
            code="no_postal_address",
        )
    name = " ".join(part for part in [client.title, client.first_name, client.last_name] if part)
    if client.date_of_death:
        return {"name": f"The personal representatives of {name}", "address_lines": postal.lines,
                "salutation": "Dear Sir or Madam"}
    return {"name": name, "address_lines": postal.lines, "salutation": _salutation(client)}


def letter_spec(kind: str) -> LetterSpec:
    try:
        return LETTERS[kind]
    except KeyError:
        raise ApplicationError(f"There is no letter called {kind!r}.", code="unknown_letter") from None
