"""The sale part of the demo: Mrs Marsden's home on the market under a deputyship order that gives
authority to sell, and Mr Eastwood's, refused for want of authority and recorded as an application to
the Court of Protection."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deputyship.services import Action, authority_check
from people.selectors import today
from properties.repairs.demo import demo_client, demo_home


def _authority_to_sell(run, client) -> None:
    """A deputyship order with authority to sell, recorded by client affairs where none is in force."""
    from deputyship.services import authority_in_force, authority_record

    if authority_in_force(client=client) is None:
        authority_record(acting_user=run.made["users"]["olivia"], client=client, kind="deputy",
                         reference="COP-13482207", made_on=today() - dt.timedelta(days=400),
                         starts_on=today() - dt.timedelta(days=400), reason="Demo: deputyship order",
                         may_sell_property=True, scope="Property and affairs, including the sale of her home")


def seed_demo_step(run) -> dict[str, int]:
    from properties.sale import services
    from properties.sale.models import Sale

    added = 0
    owen = run.made["users"]["owen"]
    marsden = demo_client(run, "Marsden")
    if marsden is not None:
        home = demo_home(run, marsden)
        if not Sale.objects.filter(home=home).exists():
            _authority_to_sell(run, marsden)
            if authority_check(client=marsden, action=Action.SELL_PROPERTY).allowed:
                sale = services.sale_start(acting_user=owen, home=home)
                services.sale_market(acting_user=owen, sale=sale, agent="Hobbs & Lyle Estate Agents",
                                     asking_price=Decimal("235000.00"), on_market_on=today() - dt.timedelta(days=40))
                offer = services.sale_offer_record(acting_user=owen, sale=sale, buyer="Mr and Mrs Akhtar",
                                                   amount=Decimal("228500.00"), made_on=today() - dt.timedelta(days=6))
                services.sale_offer_decide(acting_user=owen, offer=offer, accept=True)
                services.sale_solicitor_set(acting_user=owen, sale=sale, solicitor="Lane & Partners LLP")
                added += 1
    eastwood = demo_client(run, "Eastwood")
    if eastwood is not None:
        home = demo_home(run, eastwood)
        if not Sale.objects.filter(home=home).exists():
            decision = authority_check(client=eastwood, action=Action.SELL_PROPERTY)
            if not decision.allowed:  # the sale is refused: the application to the court is recorded instead
                services.sale_court_application_record(acting_user=owen, home=home,
                                                       applied_on=today() - dt.timedelta(days=21),
                                                       court_reference="COP-APP-20931")
                added += 1
    return {"sales": added}
