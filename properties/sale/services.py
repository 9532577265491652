"""Writing a sale: started only with the authority to sell (the deputyship order's power, or the
court's permission applied for and granted, with its dates), marketing, offers, the solicitor, exchange
and completion, the net proceeds received into the client's ledger once, and the deferred payment
agreement secured on the home handed to the deferred payments team to settle from them.

A sale with no progress for :func:`stalled_after_days` days raises a task (Ombudsman, Liverpool City
Council 18 016 839: a delayed sale cost the client)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction

import deputyship.services as deputyship_services
from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deferred_payments.selectors import agreements_secured_on
from deputyship.services import Action, authority_check, authority_require
from ledger.choices import MoneyInCategory
from ledger.client_money import client_receipt_record
from people.choices import Service
from people.models import TeamMembership
from people.selectors import today
from properties.register.choices import Occupancy
from properties.register.models import Property
from properties.register.services import occupancy_change
from properties.repairs.services import money, not_future, responsible_for, task_once
from properties.sale.choices import IN_PROGRESS, OfferStatus, SaleStatus
from properties.sale.models import Sale, SaleOffer

#: Days without progress before a sale raises a task. The council's own figure (no rule sets one):
#: ``PROPERTY_SALE_STALLED_AFTER_DAYS``.
DEFAULT_STALLED_AFTER_DAYS = 28


class SaleError(ApplicationError):
    code = "sale"


def stalled_after_days() -> int:
    return int(getattr(settings, "PROPERTY_SALE_STALLED_AFTER_DAYS", DEFAULT_STALLED_AFTER_DAYS))


def _text(value, field: str, message: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise SaleError(message, extra={field: [message]})
    return text


def _locked(sale: Sale) -> Sale:
    return Sale.objects.select_for_update(of=("self",)).select_related("home__client").get(pk=sale.pk)


def _no_open_sale(home) -> None:
    if Sale.objects.filter(home=home).exclude(status__in=[SaleStatus.COMPLETED, SaleStatus.WITHDRAWN]).exists():
        raise SaleError("This home already has a sale in progress.", code="sale_open")


def sale_start(*, acting_user, home) -> Sale:
    """Start selling a client's home. Refused, with the reason, unless the council's authority allows it
    (:func:`deputyship.services.authority_require`); then record a court application instead."""
    require(acting_user, "properties.work_client", home)
    decision = authority_require(client=home.client, action=Action.SELL_PROPERTY)
    with transaction.atomic():
        Property.objects.select_for_update().get(pk=home.pk)
        _no_open_sale(home)
        sale = Sale(home=home, status=SaleStatus.AUTHORISED, authority_reason=decision.reason,
                    last_progress_on=today(), recorded_by=acting_user)
        save_attributed(sale, user=acting_user, reason=f"Sale started: {decision.reason}")
    return sale


def sale_court_application_record(*, acting_user, home, applied_on: dt.date, court_reference: str = "") -> Sale:
    """The order lacks the power to sell: record the application to the Court of Protection, with its
    date. Refused where the authority already allows the sale (start it instead)."""
    require(acting_user, "properties.work_client", home)
    applied_on = not_future(applied_on, "applied_on", "of the application")
    decision = authority_check(client=home.client, action=Action.SELL_PROPERTY)
    if decision.allowed:
        raise SaleError(f"No application is needed: {decision.reason} Start the sale.", code="authority_held")
    with transaction.atomic():
        Property.objects.select_for_update().get(pk=home.pk)
        _no_open_sale(home)
        sale = Sale(home=home, status=SaleStatus.COURT_APPLICATION, authority_reason=decision.reason,
                    court_applied_on=applied_on, court_reference=(court_reference or "").strip(),
                    last_progress_on=today(), recorded_by=acting_user)
        save_attributed(sale, user=acting_user, reason=f"Application to the court to sell: {decision.reason}")
    return sale


def sale_court_permission_record(*, acting_user, sale: Sale, granted_on: dt.date, reference: str,
                                 details: str = "") -> Sale:
    """The court granted permission to sell. Recorded through deputyship's court permission service when
    it offers one (so the authority check then finds it); otherwise the permission's reference is kept on
    the sale. The authority is checked again either way and what it says is kept."""
    require(acting_user, "properties.work_client", sale)
    reference = _text(reference, "reference", "Give the court's reference for the permission.")
    granted_on = not_future(granted_on, "granted_on", "the court gave permission")
    with transaction.atomic():
        sale = _locked(sale)
        if sale.status != SaleStatus.COURT_APPLICATION:
            raise SaleError("This sale is not waiting for the court.", code="not_waiting")
        if granted_on < sale.court_applied_on:
            raise SaleError("The court cannot grant permission before it was applied for.",
                            extra={"granted_on": ["It cannot be before the application."]})
        record = getattr(deputyship_services, "court_permission_record", None)
        authority = deputyship_services.authority_in_force(client=sale.client)
        if record is not None and authority is not None:
            record(acting_user=acting_user, authority=authority, action=Action.SELL_PROPERTY, granted_on=granted_on,
                   reference=reference, details=details or f"Permission to sell {sale.home}")
        decision = authority_check(client=sale.client, action=Action.SELL_PROPERTY)
        sale.court_granted_on, sale.court_permission_reference = granted_on, reference
        sale.authority_reason = (decision.reason if decision.allowed else
                                 f"The court gave permission on {granted_on:%d %B %Y} ({reference}).")
        sale.status, sale.last_progress_on = SaleStatus.AUTHORISED, today()
        save_attributed(sale, user=acting_user, reason=f"Court permission to sell recorded ({reference})")
    return sale


def _authorised(sale: Sale) -> None:
    """The sale may go on: not waiting for the court, and (without the court's permission on the sale)
    the authority still in force today."""
    if sale.status == SaleStatus.COURT_APPLICATION:
        raise SaleError("The court has not yet given permission to sell.", code="no_authority")
    if sale.status in (SaleStatus.COMPLETED, SaleStatus.WITHDRAWN):
        raise SaleError(f"This sale is {sale.get_status_display().lower()}.", code="closed")
    if sale.court_granted_on is None:
        authority_require(client=sale.client, action=Action.SELL_PROPERTY)


def sale_market(*, acting_user, sale: Sale, agent: str, asking_price, on_market_on: dt.date) -> Sale:
    require(acting_user, "properties.work_client", sale)
    agent = _text(agent, "agent", "Give the estate agent.")
    asking_price = money(asking_price, "asking_price")
    on_market_on = not_future(on_market_on, "on_market_on", "it went on the market")
    with transaction.atomic():
        sale = _locked(sale)
        _authorised(sale)
        if sale.status not in (SaleStatus.AUTHORISED, SaleStatus.ON_MARKET):
            raise SaleError("The marketing can change only before an offer is accepted.", code="under_offer")
        sale.agent, sale.asking_price, sale.on_market_on = agent, asking_price, on_market_on
        sale.status, sale.last_progress_on = SaleStatus.ON_MARKET, today()
        save_attributed(sale, user=acting_user, reason=f"On the market with {agent} at £{asking_price:,}")
    return sale


def sale_offer_record(*, acting_user, sale: Sale, buyer: str, amount, made_on: dt.date) -> SaleOffer:
    require(acting_user, "properties.work_client", sale)
    buyer = _text(buyer, "buyer", "Give the buyer.")
    amount = money(amount)
    made_on = not_future(made_on, "made_on", "of the offer")
    with transaction.atomic():
        sale = _locked(sale)
        _authorised(sale)
        if sale.status != SaleStatus.ON_MARKET:
            raise SaleError("Offers are recorded while the home is on the market.", code="not_on_market")
        offer = SaleOffer(sale=sale, buyer=buyer, amount=amount, made_on=made_on, recorded_by=acting_user)
        save_attributed(offer, user=acting_user, reason=f"Offer of £{amount:,} from {buyer}")
        sale.last_progress_on = today()
        save_attributed(sale, user=acting_user, reason="Offer received")
    return offer


def sale_offer_decide(*, acting_user, offer: SaleOffer, accept: bool) -> SaleOffer:
    require(acting_user, "properties.work_client", offer)
    with transaction.atomic():
        sale = _locked(offer.sale)
        offer = SaleOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.status != OfferStatus.PENDING:
            raise SaleError("This offer has been decided already.", code="decided")
        if accept:
            _authorised(sale)
            if sale.status != SaleStatus.ON_MARKET:
                raise SaleError("An offer has already been accepted.", code="under_offer")
            sale.status, sale.sale_price = SaleStatus.UNDER_OFFER, offer.amount
        offer.status, offer.decided_by = (OfferStatus.ACCEPTED if accept else OfferStatus.REJECTED), acting_user
        save_attributed(offer, user=acting_user, reason="Offer accepted" if accept else "Offer rejected")
        sale.last_progress_on = today()
        save_attributed(sale, user=acting_user, reason=f"Offer from {offer.buyer} {offer.get_status_display().lower()}")
    return offer


def sale_solicitor_set(*, acting_user, sale: Sale, solicitor: str) -> Sale:
    require(acting_user, "properties.work_client", sale)
    solicitor = _text(solicitor, "solicitor", "Give the solicitor acting on the sale.")
    with transaction.atomic():
        sale = _locked(sale)
        _authorised(sale)
        sale.solicitor, sale.last_progress_on = solicitor, today()
        save_attributed(sale, user=acting_user, reason=f"Solicitor: {solicitor}")
    return sale


def sale_exchange(*, acting_user, sale: Sale, exchanged_on: dt.date) -> Sale:
    require(acting_user, "properties.work_client", sale)
    exchanged_on = not_future(exchanged_on, "exchanged_on", "contracts were exchanged")
    with transaction.atomic():
        sale = _locked(sale)
        _authorised(sale)
        if sale.status != SaleStatus.UNDER_OFFER:
            raise SaleError("Contracts are exchanged once an offer is accepted.", code="no_offer")
        if not sale.solicitor:
            raise SaleError("Record the solicitor acting on the sale first.", code="no_solicitor")
        sale.exchanged_on, sale.status, sale.last_progress_on = exchanged_on, SaleStatus.EXCHANGED, today()
        save_attributed(sale, user=acting_user, reason="Contracts exchanged")
    return sale


def _deferred_payments_person(client):
    person = responsible_for(client, Service.DEFERRED_PAYMENTS)
    if person is None:
        leader = (TeamMembership.objects.filter(team__service=Service.DEFERRED_PAYMENTS, is_leader=True,
                                                user__is_active=True).select_related("user").order_by("id").first())
        person = leader.user if leader else None
    return person


def _costs(value) -> Decimal:
    try:
        zero = not isinstance(value, float) and Decimal(str(value)) == 0
    except (InvalidOperation, ValueError):
        zero = False
    return Decimal("0.00") if zero else money(value, "costs")


def sale_complete(*, acting_user, sale: Sale, completed_on: dt.date, costs) -> Sale:
    """Completion: the net proceeds (the price less the costs) received into the client's ledger once
    (OPG money in: sale of assets), the home marked sold, and, for each deferred payment agreement secured
    on it, a task for the deferred payments team to settle it from the proceeds."""
    require(acting_user, "properties.work_client", sale)
    completed_on = not_future(completed_on, "completed_on", "the sale completed")
    if costs in (None, ""):
        raise SaleError("Give the costs of the sale (£0.00 if none).", extra={"costs": ["Give the costs."]})
    costs = _costs(costs)
    with transaction.atomic():
        sale = _locked(sale)
        if sale.proceeds_receipt_id is not None:
            return sale
        _authorised(sale)
        if sale.status != SaleStatus.EXCHANGED:
            raise SaleError("A sale completes after contracts are exchanged.", code="not_exchanged")
        if completed_on < sale.exchanged_on:
            raise SaleError("Completion cannot be before exchange.",
                            extra={"completed_on": ["It cannot be before contracts were exchanged."]})
        net = sale.sale_price - costs
        if net <= 0:
            raise SaleError("The costs cannot be as much as the price.", extra={"costs": ["Less than the price."]})
        sale.proceeds_receipt = client_receipt_record(
            acting_user=acting_user, client=sale.client, amount=net, effective_date=completed_on,
            category=MoneyInCategory.SALE_OF_ASSETS, memo=f"Sale of {sale.home} (net of £{costs:,} costs)",
            idempotency_key=f"property-sale-proceeds:{sale.pk}")
        sale.completed_on, sale.costs, sale.net_proceeds = completed_on, costs, net
        sale.status, sale.last_progress_on = SaleStatus.COMPLETED, today()
        save_attributed(sale, user=acting_user, reason=f"Sale completed: £{net:,} net received for the client")
        home = Property.objects.get(pk=sale.home_id)
        if home.occupancy != Occupancy.SOLD:
            occupancy_change(acting_user=acting_user, home=home, occupancy=Occupancy.SOLD, since=completed_on,
                             note=f"Sale completed ({sale.pk})", reason="Sold")
        for agreement in agreements_secured_on(home=home):
            person = _deferred_payments_person(sale.client)
            if person is not None:
                task_once(by=acting_user, title=f"Settle {agreement.reference} from the sale of {home.address_line_1}",
                          client=sale.client, assigned_to=person, due=today() + dt.timedelta(days=7), subject=sale,
                          details=f"The sale completed on {completed_on:%d %B %Y}; £{net:,} net was received into "
                                  "the client's account.")
    return sale


def sale_withdraw(*, acting_user, sale: Sale, reason: str) -> Sale:
    require(acting_user, "properties.work_client", sale)
    reason = _text(reason, "reason", "Say why the sale is withdrawn.")
    with transaction.atomic():
        sale = _locked(sale)
        if sale.status not in IN_PROGRESS:
            raise SaleError(f"This sale is {sale.get_status_display().lower()}.", code="closed")
        sale.status, sale.withdrawn_because = SaleStatus.WITHDRAWN, reason
        save_attributed(sale, user=acting_user, reason=f"Sale withdrawn: {reason}")
    return sale


def stalled_sale_tasks_create(*, on: dt.date) -> dict:
    """A task for each sale in progress with nothing done for :func:`stalled_after_days` days."""
    from core.context import system_user

    by, made = system_user(), 0
    since = on - dt.timedelta(days=stalled_after_days())
    for sale in Sale.objects.filter(status__in=IN_PROGRESS, last_progress_on__lt=since).select_related("home__client"):
        person = responsible_for(sale.client)
        if person is None:
            continue
        made += task_once(by=by, title=f"Sale of {sale.home.address_line_1}: no progress since "
                                       f"{sale.last_progress_on:%d %B %Y}", client=sale.client, assigned_to=person,
                          due=on, subject=sale,
                          details=f"{sale.get_status_display()}. A delayed sale costs the client (Ombudsman, "
                                  "Liverpool City Council 18 016 839): chase the agent, solicitor or court."
                          ) is not None
    return {"tasks": made}
