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
from people import correspondence
from people.choices import Relationship
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
    # Where the client affairs team's post goes, when the council is a client's deputy or appointee
    # and letters to the client go to them "c/o" the team; empty means the address above.
    "client_affairs_address_lines": [],
}

@dataclass(frozen=True)
class LetterSpec:
    kind: str
    title: str
    template_name: str
    template_version: str
    build: Callable[..., dict]


def letterhead() -> dict:
    return {**DEFAULT_LETTERHEAD, **getattr(settings, "COUNCIL_LETTERHEAD", {})}


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
    to = letter_recipients(client=client, on=on)
    addresses = correspondence.current_addresses(client, on)
    kind_order = {kind: i for i, kind in enumerate(correspondence.DEFAULT_ORDER)}
    addresses.sort(key=lambda a: (kind_order.get(a.kind, len(kind_order)), a.start_date))
    links = [
        link for link in client_contacts(client=client)
        if (link.start_date is None or link.start_date <= on) and (link.end_date is None or link.end_date >= on)
    ]
    return {
        "letterhead": letterhead(),
        "letter": {
            "title": DocumentKind.CONTACT_DETAILS.label,
            "date": on,
            "reference": client.council_reference,
            "salutation": to["salutation"],
        },
        **addressing(to),
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
        template_version="2",
        build=contact_details_data,
    ),
}


def register_letter(spec: LetterSpec) -> None:
    """Add a domain app's letter (called from the app's ``AppConfig.ready``)."""
    if spec.kind not in DocumentKind.values:
        raise ValueError(f"{spec.kind!r} is not a DocumentKind: add it to documents.choices first.")
    LETTERS[spec.kind] = spec


def _party(party: correspondence.Party, head: dict) -> dict:
    """One recipient as the letter prints it: the name and address lines, and who they are."""
    if party.kind == "council":
        lines = [f"c/o {party.team}", head["council"],
                 *(head.get("client_affairs_address_lines") or head["address_lines"])]
    else:
        lines = list(party.address_lines)
    label = f"{party.name} ({party.role})" if party.role else party.name
    return {"kind": party.kind, "name": party.name, "address_lines": lines, "role": party.role, "label": label}


def letter_recipients(*, client: Client, on: dt.date) -> dict:
    """Who a letter about ``client`` is addressed to and who gets a copy: the client's correspondence
    rule applied to the record on ``on`` (``people.correspondence.resolve``: the care home, the
    correspondence address, their home, their deputy, attorney or appointee; "c/o" the client affairs
    team when the council is their deputy or appointee; their personal representatives once they have
    died). Every letter is addressed through this function.

    Returns ``addressee`` and ``copies`` (each ``name``, ``address_lines``, ``role``, ``kind`` and
    ``label``, e.g. "Mrs Jane Doe (attorney)"), the ``salutation``, ``about`` (the client's name when
    the letter is not addressed to them by name) and ``because`` (why it goes there). Refuses, with a
    sentence (code ``no_postal_address``), when the letter cannot be posted as the rule says."""
    resolution = correspondence.resolve(client, on)
    head = letterhead()
    addressee = _party(resolution.addressee, head)
    kind = resolution.addressee.kind
    if kind == "personal_representatives":
        salutation = "Dear Sir or Madam"
    elif kind == "representative":
        salutation = f"Dear {resolution.addressee.name}"
    else:
        salutation = _salutation(client)
    return {
        "addressee": addressee,
        "copies": [_party(copy, head) for copy in resolution.copies],
        "salutation": salutation,
        "about": correspondence.client_name(client) if kind == "representative" else "",
        "because": resolution.because,
    }


def addressing(to: dict) -> dict:
    """The part of a letter's data that says who it went to: ``recipient`` (the addressee, as every
    letter template prints it), ``copies`` (the "Copy to" block, and a copy of the letter for each)
    and ``about`` (whose letter it is, when it is written to their representative)."""
    return {
        "recipient": {key: to["addressee"][key] for key in ("name", "address_lines", "kind", "role", "label")},
        "copies": to["copies"],
        "about": to["about"],
        "sent_because": to["because"],
    }


def letter_spec(kind: str) -> LetterSpec:
    try:
        return LETTERS[kind]
    except KeyError:
        raise ApplicationError(f"There is no letter called {kind!r}.", code="unknown_letter") from None
