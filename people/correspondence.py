"""Where letters to a client go: their correspondence rule applied to the record on a day.

:func:`resolve` is the one place that decides, for every letter, who it is addressed to and who gets
a copy; ``documents.letters.letter_recipients`` turns its answer into names and address lines (the
council's own address comes from the letterhead, which this app does not know), and the client
page describes it with :func:`describe`.

The order of decisions:

1. **After death** letters go to the personal representatives, at the person's last address (the
   default order below). A representative's authority ends with the death, so no copies.
2. **The rule names a representative** (deputy, attorney, appointee): letters go to them, with a copy
   to the person if the rule says so. When that representative is the council itself, see 3.
3. **The council is the deputy or appointee** (:func:`council_acting_for`): letters to the person go to
   them "c/o" the client affairs team that holds their case, at the council's address, whatever
   address the rule names; copies as the rule says.
4. **The rule names an address** (the care home, the correspondence address, their own home): that
   current address, with a copy to the representative if the rule says so.
5. **No rule**: the correspondence address, else the care home while they live there, else home.

A rule that cannot be followed today (the address it names has ended, the representative's link has
ended or holds no address) refuses with a sentence, so no letter goes somewhere nobody chose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.exceptions import ApplicationError
from people.choices import (
    REPRESENTATIVE_RELATIONSHIPS,
    AddressKind,
    ContactKind,
    OrganisationType,
    Relationship,
    SendLettersTo,
    Service,
)
from people.models import Address, Client, ClientContact, CorrespondenceRule, Team

#: Without a rule: the first current address of these kinds.
DEFAULT_ORDER = (AddressKind.CORRESPONDENCE, AddressKind.CARE_HOME, AddressKind.HOME)

#: The address each rule names.
RULE_ADDRESS = {
    SendLettersTo.CARE_HOME: AddressKind.CARE_HOME,
    SendLettersTo.CORRESPONDENCE: AddressKind.CORRESPONDENCE,
    SendLettersTo.HOME: AddressKind.HOME,
}

ROLE_NAMES = {
    Relationship.DEPUTY: "deputy",
    Relationship.ATTORNEY: "attorney",
    Relationship.APPOINTEE: "appointee",
}


class NoPostalAddress(ApplicationError):
    code = "no_postal_address"


@dataclass(frozen=True)
class Party:
    """Someone a letter goes to.

    ``kind``: ``client`` (the person at one of their addresses), ``council`` (the person, c/o the
    client affairs team: ``team``), ``representative`` (a contact, with ``role``) or
    ``personal_representatives``. ``address_lines`` is empty for ``council`` (the letterhead's)."""

    kind: str
    name: str
    address_lines: tuple[str, ...] = ()
    role: str = ""
    address_kind: str = ""
    team: str = ""


@dataclass(frozen=True)
class Resolution:
    addressee: Party
    copies: tuple[Party, ...] = field(default_factory=tuple)
    #: Why: "rule" (the client's rule), "council" (the council acts for them), "default", "death".
    because: str = "default"


def client_name(client: Client) -> str:
    return " ".join(part for part in [client.title, client.first_name, client.last_name] if part)


def _current(items, on: dt.date):
    return [item for item in items if (item.start_date is None or item.start_date <= on)
            and (item.end_date is None or item.end_date >= on)]


def current_addresses(client: Client, on: dt.date) -> list[Address]:
    return [a for a in client.addresses.all() if a.is_current(on)]


def _address_of_kind(addresses: list[Address], kind: str) -> Address | None:
    found = [a for a in addresses if a.kind == kind]
    return max(found, key=lambda a: (a.start_date, a.pk)) if found else None


def default_address(addresses: list[Address]) -> Address | None:
    for kind in DEFAULT_ORDER:
        address = _address_of_kind(addresses, kind)
        if address is not None:
            return address
    return None


def representatives(client: Client, on: dt.date) -> list[ClientContact]:
    """The client's current deputies, attorneys and appointees (links to their contacts)."""
    links = (ClientContact.objects.filter(client=client, relationship__in=REPRESENTATIVE_RELATIONSHIPS)
             .select_related("contact").order_by("relationship", "contact__name", "pk"))
    return _current(links, on)


def is_the_council(link: ClientContact) -> bool:
    """The contact is the council itself: an organisation recorded as a council department."""
    return link.contact.kind == ContactKind.ORGANISATION and link.contact.organisation_type == OrganisationType.COUNCIL


def client_affairs_team(client: Client, on: dt.date) -> Team | None:
    from people.selectors import current_allocations

    allocation = (current_allocations(on=on).filter(client=client, service=Service.CLIENT_AFFAIRS)
                  .select_related("team").order_by("-start_date", "-pk").first())
    return allocation.team if allocation is not None else None


def council_acting_for(client: Client, on: dt.date) -> tuple[ClientContact, Team] | None:
    """(the deputy or appointee link, the client affairs team) when the council is the client's deputy
    or appointee: a current deputy or appointee contact that is the council, while one of our client
    affairs teams holds the case. A council deputy with no client affairs team here is another
    council, and is treated as any other representative."""
    team = client_affairs_team(client, on)
    if team is None:
        return None
    for link in representatives(client, on):
        if link.relationship in (Relationship.DEPUTY, Relationship.APPOINTEE) and is_the_council(link):
            return link, team
    return None


def role_of(link: ClientContact) -> str:
    return ROLE_NAMES.get(link.relationship, link.get_relationship_display().lower())


def _representative_party(client: Client, link: ClientContact, acting, *, copy: bool = False) -> Party:
    if acting is not None and acting[0].pk == link.pk:
        return _council_party(client, acting[1])
    lines = tuple(line.strip() for line in (link.contact.address or "").splitlines() if line.strip())
    if not lines:
        what = "a copy" if copy else "letters"
        raise NoPostalAddress(
            f"The correspondence rule sends {what} to {link.contact.name} ({role_of(link)}), but we hold no "
            f"address for them. Add their address to the contact, or change the rule.")
    return Party("representative", link.contact.name, lines, role=role_of(link))


def _council_party(client: Client, team: Team) -> Party:
    return Party("council", client_name(client), (), team=team.name)


def _client_at(client: Client, address: Address) -> Party:
    return Party("client", client_name(client), tuple(address.lines), address_kind=address.kind)


def _client_copy(client: Client, addresses: list[Address]) -> Party:
    address = default_address(addresses)
    if address is None:
        raise NoPostalAddress(
            "The correspondence rule sends the person a copy, but we hold no current address for them. "
            "Add an address first, or change the rule.")
    return _client_at(client, address)


def _live_link(rule: CorrespondenceRule, on: dt.date) -> ClientContact:
    link = rule.representative
    if link is None or not _current([link], on):
        raise NoPostalAddress(
            "The correspondence rule names a representative who no longer acts for this client. "
            "Change the rule first.")
    return link


_NOT_READ = object()


def _rule_of(client: Client) -> CorrespondenceRule | None:
    return CorrespondenceRule.objects.select_related("representative__contact").filter(client=client).first()


def resolve(client: Client, on: dt.date, *, rule=_NOT_READ) -> Resolution:
    """Who a letter about ``client`` on ``on`` is addressed to and who gets a copy (see the module's
    docstring). Raises :class:`NoPostalAddress` (code ``no_postal_address``) with a sentence when the
    letter cannot be posted."""
    addresses = current_addresses(client, on)
    if client.date_of_death:
        address = default_address(addresses)
        if address is None:
            raise NoPostalAddress(
                "We hold no current home, care home or correspondence address for this client, so the "
                "letter could not be posted. Add an address first.")
        return Resolution(Party("personal_representatives", f"The personal representatives of {client_name(client)}",
                                tuple(address.lines), address_kind=address.kind), because="death")
    if rule is _NOT_READ:
        rule = _rule_of(client)
    acting = council_acting_for(client, on)
    if rule is not None and rule.send_to == SendLettersTo.REPRESENTATIVE:
        addressee = _representative_party(client, _live_link(rule, on), acting)
        copies = (_client_copy(client, addresses),) if rule.copy_to_client else ()
        return Resolution(addressee, copies, because="rule" if addressee.kind != "council" else "council")
    copies = ()
    if rule is not None and rule.copy_to_representative:
        copies = (_representative_party(client, _live_link(rule, on), acting, copy=True),)
    if acting is not None:
        copies = tuple(c for c in copies if c.kind != "council")
        return Resolution(_council_party(client, acting[1]), copies, because="council")
    if rule is not None:
        kind = RULE_ADDRESS[rule.send_to]
        address = _address_of_kind(addresses, kind)
        if address is None:
            raise NoPostalAddress(
                f"The correspondence rule sends letters to {SendLettersTo(rule.send_to).label.lower()}, but "
                f"we hold no current {AddressKind(kind).label.lower()} address. Add the address, or change "
                f"the rule.")
        return Resolution(_client_at(client, address), copies, because="rule")
    address = default_address(addresses)
    if address is None:
        raise NoPostalAddress(
            "We hold no current home, care home or correspondence address for this client, so the letter "
            "could not be posted. Add an address first.")
    return Resolution(_client_at(client, address), (), because="default")


def describe_party(party: Party) -> str:
    if party.kind == "council":
        return f"{party.name}, c/o {party.team}"
    if party.kind == "representative":
        return f"{party.name} ({party.role}), {', '.join(party.address_lines)}"
    return f"{party.name}, {', '.join(party.address_lines)}"


def describe(client: Client, on: dt.date) -> dict:
    """Where letters go, in words for the client page: ``text`` (the addressee), ``copies`` (one
    string each), ``why`` (the rule, the council's deputyship, or the default) and ``problem`` (the
    sentence when a letter could not be posted today)."""
    rule = _rule_of(client)
    try:
        resolution = resolve(client, on, rule=rule)
    except NoPostalAddress as exc:
        return {"text": "", "copies": [], "why": "", "problem": exc.message, "rule": rule}
    why = {
        "rule": "The client's correspondence rule",
        "council": "The council is their deputy or appointee",
        "default": "No rule set: the correspondence address, else the care home while they live there, else home",
        "death": "They have died: to their personal representatives",
    }[resolution.because]
    return {"text": describe_party(resolution.addressee), "copies": [describe_party(c) for c in resolution.copies],
            "why": why, "problem": "", "rule": rule}
