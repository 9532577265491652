"""The letters of a client's death, made through ``documents`` (stored on the client with the data they were
made from) and registered from the part's hooks:

- the **death notification** to the Office of the Public Guardian, the Court of Protection, each organisation on
  the client's contacts (the DWP office paying benefits, banks, utilities, pension providers...), each executor
  and each relative;
- the **final account**: the client's money at the death and since, printing the figures
  :func:`deputyship.death.services.final_account_prepare` recorded (never worked out again here), with the
  ledger lines behind them.

What the OPG is told follows its practice note *Notification of death* (gov.uk,
https://www.gov.uk/government/publications/public-guardian-practice-note-notification-of-death, last updated
17 January 2023): the OPG must be told when a person who has a deputy dies; since January 2023 it verifies the
death itself through the Life Event Verification system, so no death certificate is sent unless it asks. The
OPG then asks the deputy for a final report (*Deputy final reports: Public Guardian practice note*,
https://www.gov.uk/government/publications/public-guardian-practice-note-deputy-final-reports)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from core.exceptions import ApplicationError
from documents.choices import DocumentKind
from documents.letters import LetterSpec, letterhead

NOTICE = DocumentKind.DEPUTYSHIP_DEATH_NOTICE
FINAL_ACCOUNT = DocumentKind.DEPUTYSHIP_FINAL_ACCOUNT

#: The Office of the Public Guardian's postal address (gov.uk, "Complaints procedure", Office of the Public
#: Guardian, https://www.gov.uk/government/organisations/office-of-the-public-guardian/about/complaints-procedure).
OPG_ADDRESS = ["PO Box 16185", "Birmingham", "B2 2WH"]
#: The Court of Protection's postal address. Not found on gov.uk by search: taken from public directories
#: (e.g. South East London Mind's directory, selmind.org.uk/directory/court-of-protection/). A council should
#: check it and may set its own with ``DEPUTYSHIP_COURT_OF_PROTECTION_ADDRESS``.
COURT_ADDRESS = ["PO Box 70185", "First Avenue House", "42-49 High Holborn", "London", "WC1A 9JA"]


def opg_address() -> list[str]:
    return list(getattr(settings, "DEPUTYSHIP_OPG_ADDRESS", OPG_ADDRESS))


def court_address() -> list[str]:
    return list(getattr(settings, "DEPUTYSHIP_COURT_OF_PROTECTION_ADDRESS", COURT_ADDRESS))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").strip().splitlines() if line.strip()]


def _last_address(client, on: dt.date) -> list[str]:
    from people import correspondence

    address = correspondence.default_address(correspondence.current_addresses(client, on))
    return list(address.lines) if address is not None else []


def _authority(client):
    """The council's last legal authority for the client (ended by the death), if any."""
    from deputyship.authority.models import LegalAuthority

    return LegalAuthority.objects.filter(client=client).order_by("-starts_on", "-pk").first()


def death_notice_data(*, client, on: dt.date, death_id: int, to: str, contact=None) -> dict:
    """What one death notification says. ``to`` is a :class:`~deputyship.death.choices.LetterTo`; the OPG and
    the court are written to at their published addresses, everyone else at the address on their contact."""
    from deputyship.death.choices import LetterTo
    from deputyship.death.models import Death

    death = Death.objects.get(pk=death_id, client=client)
    head = letterhead()
    if to == LetterTo.OPG:
        name, lines, salutation = "Office of the Public Guardian", opg_address(), "Dear Sir or Madam"
    elif to == LetterTo.COURT:
        name, lines, salutation = "Court of Protection", court_address(), "Dear Sir or Madam"
    else:
        if contact is None:
            raise ApplicationError("Say who the letter is to.", code="death_letter")
        name, lines = contact.name, _lines(contact.address)
        salutation = f"Dear {contact.name}" if contact.kind == "person" else "Dear Sir or Madam"
    if not lines:
        raise ApplicationError(f"Record a postal address for {name} first.", code="no_postal_address")
    authority = _authority(client)
    return {
        "letterhead": head,
        "letter": {"title": NOTICE.label, "date": on, "reference": client.council_reference,
                   "salutation": salutation},
        "recipient": {"name": name, "address_lines": lines, "kind": "contact" if contact else "organisation",
                      "role": "", "label": name},
        "copies": [], "about": "", "sent_because": LetterTo(to).label,
        "to": str(to),
        "client": {"full_name": client.full_name, "date_of_birth": client.date_of_birth,
                   "last_address": _last_address(client, death.died_on)},
        "death": {"died_on": death.died_on, "notified_on": death.notified_on,
                  "will": death.get_will_display(), "has_will": death.will == "valid_will",
                  "executor": death.executor},
        "authority": ({"kind": authority.get_kind_display(), "reference": authority.reference,
                       "made_on": authority.made_on, "is_deputy": authority.kind == "deputy"} if authority else None),
        "correspondence_lines": [head["council"], head["department"],
                                 *(head.get("client_affairs_address_lines") or head["address_lines"])],
        "sources": {
            "opg_practice_note": "Office of the Public Guardian, Notification of death: Public Guardian practice "
                                 "note (gov.uk, updated 17 January 2023)",
        },
    }


def final_account_data(*, client, on: dt.date, final_account_id: int) -> dict:
    """The final account as recorded, with the ledger lines after the death that make up its money in and out."""
    from deputyship.death.models import FinalAccount
    from deputyship.death.services import final_account_lines

    account = FinalAccount.objects.select_related("death").get(pk=final_account_id, death__client=client)
    death = account.death
    lines = final_account_lines(death=death, as_at=account.as_at)
    grant = getattr(death, "grant", None)
    release = getattr(death, "estate_release", None)
    head = letterhead()
    return {
        "letterhead": head,
        "letter": {"title": FINAL_ACCOUNT.label, "date": on, "reference": client.council_reference},
        "recipient": {"name": f"The estate of {client.full_name}", "address_lines": [], "kind": "estate",
                      "role": "", "label": f"The estate of {client.full_name}"},
        "copies": [], "about": "", "sent_because": "",
        "client": {"full_name": client.full_name, "date_of_birth": client.date_of_birth,
                   "reference": client.council_reference},
        "death": {"died_on": death.died_on, "executor": death.executor, "will": death.get_will_display()},
        "account": {"as_at": account.as_at, "balance_at_death": str(account.balance_at_death),
                    "money_in_since": str(account.money_in_since), "money_out_since": str(account.money_out_since),
                    "balance_now": str(account.balance_now), "prepared_at": account.prepared_at.date()},
        "lines": [{"on": line["on"], "description": line["description"], "money_in": str(line["money_in"]),
                   "money_out": str(line["money_out"])} for line in lines],
        "grant": ({"kind": grant.get_kind_display(), "reference": grant.reference, "issued_on": grant.issued_on,
                   "granted_to": grant.granted_to} if grant else None),
        "release": ({"amount": str(release.amount), "paid_to": release.paid_to, "released_on": release.released_on}
                    if release else None),
    }


DEATH_NOTICE = LetterSpec(kind=NOTICE, title=NOTICE.label, template_name="deputyship/death/letters/death_notice.html",
                          template_version="1", build=death_notice_data)
FINAL_ACCOUNT_SPEC = LetterSpec(kind=FINAL_ACCOUNT, title=FINAL_ACCOUNT.label,
                                template_name="deputyship/death/letters/final_account.html", template_version="1",
                                build=final_account_data)
