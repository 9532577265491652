"""The deferred payments team's part of the demonstration: the council's policy, and for the team's three
clients (Marsh, Tindall, Royle) one application in progress, one active agreement whose charge was
registered about a year ago, and one active for two years (Royle: after the accrual step, the ending part's
demo step records her death and settles the agreement from her estate).

Everything is written through the services, as the officer (Nadia) and the team leader (Imran) would;
the two older agreements are then dated back (offer, signatures, approval, charge) so the demo shows an
agreement a year into its life. Keyed on the client: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deferred_payments.agreements.models import Agreement, Signature

# A council's own choices, here as demonstration values: the fees are Reading's for 2024/25 (set-up £567
# legal + £176.10 administration; £281.90 a year: ../shared/domain/deferred_payments.md, "Example fees").
# The fixed 3% rate is a demonstration of a council charging less than the national maximum (reg 9).
DEMO_POLICY = dict(rate_kind="fixed", fixed_rate=Decimal("3.00"), compounding="daily", day_basis="365",
                   setup_fee=Decimal("743.10"), annual_fee=Decimal("281.90"))
HOMES = {
    "Marsh": ("27 Orchard Close", Decimal("100"), Decimal("185000")),
    "Tindall": ("8 Station Road", Decimal("100"), Decimal("240000")),
    "Royle": ("52 Brook Street", Decimal("50"), Decimal("210000")),
}


def _home(run, client, address, share):
    from people.choices import Service
    from people.demo import PROPERTY
    from people.models import Team
    from people.selectors import current_allocations
    from people.services import allocation_change
    from properties.selectors import client_properties
    from properties.services import property_record

    existing = client_properties(client=client).first()
    if existing is not None:
        return existing
    beth = run.made["users"]["beth"]
    if not current_allocations().filter(client=client, service=Service.PROPERTY).exists():
        allocation_change(acting_user=beth, client=client, service=Service.PROPERTY, team=Team.objects.get(name=PROPERTY),
                          reason="The property team looks after the home while a deferred payment agreement is set up")
    return property_record(acting_user=beth, client=client, address_line_1=address, town="Borchester",
                           postcode="QB2 6HT", client_share=share, reason="The home offered as security")


def seed_demo_step(run) -> dict[str, int]:
    from deferred_payments.agreements.selectors import policy_in_force
    from deferred_payments.agreements.services import (
        agreement_approve,
        agreement_offer,
        policy_record,
        signature_record,
        weekly_deferral_record,
    )
    from deferred_payments.applications.services import application_start, application_update
    from deferred_payments.charges.services import charge_confirm, charge_register, charge_request
    from people.demo import DEFERRED, clients_of

    on = run.on
    nadia, imran = run.made["users"]["nadia"], run.made["users"]["imran"]
    added = {"policies": 0, "agreements": 0}
    if policy_in_force(on) is None:
        policy_record(acting_user=imran, effective_from=on - dt.timedelta(days=3 * 365), **DEMO_POLICY)
        added["policies"] += 1
    for client, person, _ in clients_of(run, DEFERRED):
        if person.last_name not in HOMES or Agreement.objects.filter(client=client).exists():
            continue
        address, share, value = HOMES[person.last_name]
        home = _home(run, client, address, share)
        representative = "" if person.last_name == "Tindall" else (person.relative[0] if person.relative else "")
        application = application_start(acting_user=nadia, client=client, enquiry_on=on - dt.timedelta(days=20),
                                        representative_name=representative)
        application_update(acting_user=nadia, application=application, home=home, applied_on=on - dt.timedelta(days=14),
                           share_percent=share, valuation_value=value, valuation_on=on - dt.timedelta(days=16),
                           valuer="Borchester Surveyors (RICS)", other_capital=Decimal("8400"),
                           needs_met_in_care_home=True, owns_main_or_only_home=True, home_value_disregarded=False,
                           first_charge_possible=True, agrees_to_terms=person.last_name != "Marsh" or None,
                           disposable_income_allowance=Decimal("144"))
        added["agreements"] += 1
        if person.last_name == "Marsh":
            continue  # in progress: waiting for her son's agreement to the terms
        agreement = agreement_offer(acting_user=nadia, agreement=application.agreement)
        signer = (representative, "Attorney under a lasting power of attorney") if representative else \
            (client.full_name, "The person")
        signature_record(acting_user=nadia, agreement=agreement, party="council", name="Imran Qureshi",
                         capacity="Deferred payments team leader, for the council", signed_on=on)
        signature_record(acting_user=nadia, agreement=agreement,
                         party="representative" if representative else "person", name=signer[0],
                         capacity=signer[1], signed_on=on)
        agreement = agreement_approve(acting_user=imran, agreement=agreement)
        charge = charge_request(acting_user=nadia, agreement=agreement)
        charge_register(acting_user=nadia, charge=charge, title_number="NYK" + str(480000 + client.pk),
                        registered_on=on)
        charge_confirm(acting_user=nadia, charge=charge)
        # As if it had all happened a year (Tindall) or two years (Royle) ago.
        back = dt.timedelta(days=365 if person.last_name == "Tindall" else 730)
        started = on - back
        Agreement.objects.filter(pk=agreement.pk).update(offered_on=started - dt.timedelta(days=21),
                                                         starts_on=started, deferral_allowed_from=started)
        Signature.objects.filter(agreement=agreement).update(signed_on=started - dt.timedelta(days=14))
        type(charge).objects.filter(pk=charge.pk).update(requested_on=started - dt.timedelta(days=14),
                                                         registered_on=started - dt.timedelta(days=2),
                                                         confirmed_on=started)
        agreement.refresh_from_db()
        weekly_deferral_record(acting_user=nadia, agreement=agreement, effective_from=started,
                               amount=Decimal("612.50") if person.last_name == "Tindall" else Decimal("548.20"),
                               source="Financial assessment: weekly cost of care less the weekly charge")
    return added
