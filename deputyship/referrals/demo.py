"""Client affairs casework in the demonstration: the council's threshold (Hull's), a referral awaiting documents
from care management, an application ready to submit with the family told, the council's deputyship for Sheila
O'Connor (an order of about 14 months ago, no authority to sell, with its security bond) and an appointeeship.

Written through the services and keyed on the clients, so a second run adds nothing. Other parts' demo steps come
after this one (``after=("deputyship-casework",)``) and may rely on O'Connor's authority."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.models import LegalAuthority
from deputyship.authority.services import authority_record, bond_record
from deputyship.referrals import services
from deputyship.referrals.models import ApplicationThreshold, Referral
from people import services as people_services
from people.demo import CLIENTS, COUNCIL_DEPUTY_FOR
from people.models import Client, ClientContact

#: Hull City Council: "If they have other sources of income, or have property and assets worth more than £5,000
#: an application to the Court of Protection for Public Authority Deputyship must be made" (Hull Adult Social Care
#: procedures, "Overview of the Public Authority Deputyship and Appointeeship Process",
#: https://www.hullappp.co.uk/overview-of-the-public-authority-deputyship-and-appointeeship-process/).
HULL_THRESHOLD = Decimal("5000.00")
HULL_SOURCE = ("Hull City Council, Overview of the Public Authority Deputyship and Appointeeship Process "
               "(hullappp.co.uk): other income, or property and assets over £5,000, mean a deputyship application")

#: O'Connor's order: a Court of Protection case number in the court's style, made about 14 months ago.
OCONNOR_ORDER = "1398426T"
OCONNOR_ORDER_DAYS_AGO = 425


def _client(last_name: str) -> Client:
    index = next(i for i, person in enumerate(CLIENTS) if person.last_name == last_name)
    return Client.objects.get(council_reference=f"ASC-{100001 + index:06d}")


def _relative(officer, client, address: str) -> ClientContact | None:
    link = (ClientContact.objects.filter(client=client, relationship__in=["relative", "attorney"])
            .select_related("contact").first())
    if link is not None and not link.contact.address.strip():
        people_services.contact_update(acting_user=officer, contact=link.contact, address=address,
                                       reason="Address for notice of the council's application")
    return link


def seed_casework(*, on: dt.date, officer, leader) -> dict[str, int]:
    made = {"thresholds": 0, "referrals": 0, "authorities": 0, "bonds": 0}
    if not ApplicationThreshold.objects.exists():
        services.threshold_set(acting_user=leader, basis="other_assets", amount=HULL_THRESHOLD,
                               effective_from=on - dt.timedelta(days=730), source=HULL_SOURCE,
                               reason="The council's policy for when to apply for a deputyship")
        made["thresholds"] += 1

    # O'Connor: the council has been her deputy for about 14 months; the order gives no authority to sell.
    oconnor = _client(COUNCIL_DEPUTY_FOR)
    if not LegalAuthority.objects.filter(client=oconnor).exists():
        made_on = on - dt.timedelta(days=OCONNOR_ORDER_DAYS_AGO)
        order = authority_record(
            acting_user=officer, client=oconnor, kind=AuthorityKind.DEPUTY, reference=OCONNOR_ORDER, made_on=made_on,
            starts_on=made_on, reason="Court of Protection order received",
            scope="Property and financial affairs: to receive her income, pay her care fees and bills, manage her "
                  "bank accounts and investments",
            restrictions="The deputy may not sell or let her home at 7 Church Street without a further order of the "
                         "court. Gifts only on customary occasions within the limit below.",
            may_sell_property=False, may_make_gifts=True, gift_limit=Decimal("250.00"),
            payment_limit=Decimal("10000.00"))
        made["authorities"] += 1
        bond_record(acting_user=officer, authority=order, provider="Howden Insurance Brokers (deputy bonds)",
                    bond_reference="DB-0042817", amount=Decimal("60000.00"), premium=Decimal("270.00"),
                    starts_on=made_on, renewal_on=_next_anniversary(made_on, on))
        made["bonds"] += 1

    # Briggs: an urgent referral from care management, waiting for the capacity assessment.
    briggs = _client("Briggs")
    if not Referral.objects.filter(client=briggs).exists():
        referral = services.referral_create(
            acting_user=officer, client=briggs, source="care_management", referrer="Jo Bright, social worker",
            referred_on=on - dt.timedelta(days=5), urgency="urgent",
            reason="Assessed as lacking capacity to manage his money; £23,000 in a Nationwide account, bills unpaid "
                   "and his son lives abroad.", authority_sought="deputyship")
        services.referral_document_returned(acting_user=officer, document=referral.documents.get(form="COP4"),
                                            returned_on=on - dt.timedelta(days=2))
        services.referral_asset_add(acting_user=officer, referral=referral, kind="asset", asset_type="bank",
                                    description="Savings account", held_with="Nationwide Building Society",
                                    value=Decimal("23140.18"), valued_on=on - dt.timedelta(days=5))
        made["referrals"] += 1

    # Ashworth: every document back and her daughter told; ready to go to the court.
    ashworth = _client("Ashworth")
    if not Referral.objects.filter(client=ashworth).exists():
        referral = services.referral_create(
            acting_user=officer, client=ashworth, source="care_management", referrer="Sam Patel, social worker",
            referred_on=on - dt.timedelta(days=40), urgency="routine",
            reason="Dementia; a building society account and a house; no power of attorney.",
            authority_sought="deputyship")
        for document in referral.documents.all():
            services.referral_document_returned(acting_user=officer, document=document,
                                                returned_on=on - dt.timedelta(days=10))
        for kind, asset_type, description, held_with, value in (
                ("asset", "property", "Her home, 12 Station Road", "", Decimal("145000.00")),
                ("asset", "bank", "Instant access savings", "Nationwide Building Society", Decimal("8420.66")),
                ("liability", "debt", "Council tax arrears", "The council", Decimal("312.40"))):
            services.referral_asset_add(acting_user=officer, referral=referral, kind=kind, asset_type=asset_type,
                                        description=description, held_with=held_with, value=value,
                                        valued_on=on - dt.timedelta(days=30))
        link = _relative(officer, ashworth, "5 Hollins Lane\nBorchester\nQB2 6HL")
        if link is not None:
            services.referral_party_add(acting_user=officer, referral=referral, link=link)
            services.referral_parties_notify(acting_user=officer, referral=referral)
        made["referrals"] += 1

    # Mitchell: benefits only, so a DWP appointeeship, approved on a BF57 with a review next year.
    mitchell = _client("Mitchell")
    if not Referral.objects.filter(client=mitchell).exists():
        referral = services.referral_create(
            acting_user=officer, client=mitchell, source="dwp_visiting_officer", referrer="DWP visiting officer",
            referred_on=on - dt.timedelta(days=90), urgency="routine",
            reason="PIP and Universal Credit only; no one able to act as appointee.", authority_sought="appointeeship")
        services.referral_dwp_dates(acting_user=officer, referral=referral, bf56_sent_on=on - dt.timedelta(days=85),
                                    dwp_visit_on=on - dt.timedelta(days=60))
        authority = services.referral_bf57_record(
            acting_user=officer, referral=referral, approved_on=on - dt.timedelta(days=45),
            reference="DWP-BF57-558201", first_review_on=on + dt.timedelta(days=320))
        # The DWP's visiting officer came back to check the spending records: a review held, with its outcome.
        check = services.appointee_review_add(acting_user=officer, authority=authority, due_on=on)
        services.appointee_review_held(acting_user=officer, review=check, held_on=on,
                                       outcome="Spending records and receipts seen; the appointeeship continues.")
        made["referrals"] += 1
        made["authorities"] += 1
    return made


def _next_anniversary(made_on: dt.date, on: dt.date) -> dt.date:
    years = on.year - made_on.year
    candidate = made_on.replace(year=made_on.year + years) if not (made_on.month == 2 and made_on.day == 29) \
        else dt.date(made_on.year + years, 2, 28)
    return candidate if candidate > on else candidate.replace(year=candidate.year + 1)


def seed_demo_step(run) -> dict[str, int]:
    users = run.made["users"]
    return seed_casework(on=run.on, officer=users["olivia"], leader=users["tom"])
