"""Sale: refused without the authority to sell (with the reason), a court application and its grant,
marketing, offers, exchange before completion, the net proceeds received once, the home sold, a task to
settle a deferred payment agreement, and a task when a sale stalls."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from deferred_payments.agreements.models import Agreement
from deputyship.services import AuthorityError
from ledger.choices import MoneyInCategory
from ledger.models import Transaction
from people.models import Task
from properties.register.choices import Occupancy
from properties.sale import services
from properties.sale.choices import SaleStatus
from properties.sale.models import Sale

TODAY = dt.date.today()


def test_a_sale_without_authority_is_refused_with_the_reason(pat, home, may_not_sell):
    with pytest.raises(AuthorityError) as refused:
        services.sale_start(acting_user=pat, home=home)
    assert "COP-7654321" in refused.value.message and "does not give authority to sell" in refused.value.message
    assert not Sale.objects.exists()


def test_a_sale_with_no_authority_at_all_is_refused(pat, home):
    with pytest.raises(AuthorityError) as refused:
        services.sale_start(acting_user=pat, home=home)
    assert "no legal authority" in refused.value.message
    assert not Sale.objects.exists()


def test_a_court_application_then_its_grant_authorises_the_sale(pat, home, may_not_sell):
    sale = services.sale_court_application_record(acting_user=pat, home=home, applied_on=TODAY - dt.timedelta(days=30),
                                                  court_reference="COP-APP-55")
    assert sale.status == SaleStatus.COURT_APPLICATION and "does not give authority" in sale.authority_reason
    with pytest.raises(ApplicationError):
        services.sale_market(acting_user=pat, sale=sale, agent="Hobbs", asking_price="200000", on_market_on=TODAY)
    with pytest.raises(ApplicationError):
        services.sale_court_permission_record(acting_user=pat, sale=sale, granted_on=TODAY - dt.timedelta(days=31),
                                              reference="COP-P-1")
    sale = services.sale_court_permission_record(acting_user=pat, sale=sale, granted_on=TODAY, reference="COP-P-1")
    assert sale.status == SaleStatus.AUTHORISED and sale.court_permission_reference == "COP-P-1"
    services.sale_market(acting_user=pat, sale=sale, agent="Hobbs", asking_price="200000", on_market_on=TODAY)


def test_no_court_application_where_the_order_allows_the_sale(pat, home, may_sell):
    with pytest.raises(ApplicationError):
        services.sale_court_application_record(acting_user=pat, home=home, applied_on=TODAY)
    assert not Sale.objects.exists()


def _exchanged(pat, home):
    sale = services.sale_start(acting_user=pat, home=home)
    services.sale_market(acting_user=pat, sale=sale, agent="Hobbs & Co", asking_price="210000.00",
                         on_market_on=TODAY - dt.timedelta(days=60))
    low = services.sale_offer_record(acting_user=pat, sale=sale, buyer="A Buyer", amount="180000", made_on=TODAY)
    services.sale_offer_decide(acting_user=pat, offer=low, accept=False)
    offer = services.sale_offer_record(acting_user=pat, sale=sale, buyer="J Smith", amount="205000", made_on=TODAY)
    services.sale_offer_decide(acting_user=pat, offer=offer, accept=True)
    with pytest.raises(ApplicationError):
        services.sale_exchange(acting_user=pat, sale=sale, exchanged_on=TODAY)  # no solicitor yet
    services.sale_solicitor_set(acting_user=pat, sale=sale, solicitor="Lane & Partners")
    return services.sale_exchange(acting_user=pat, sale=sale, exchanged_on=TODAY - dt.timedelta(days=1))


def test_only_one_offer_is_accepted(pat, home, may_sell):
    sale = services.sale_start(acting_user=pat, home=home)
    services.sale_market(acting_user=pat, sale=sale, agent="Hobbs", asking_price="1000", on_market_on=TODAY)
    first = services.sale_offer_record(acting_user=pat, sale=sale, buyer="A", amount="900", made_on=TODAY)
    second = services.sale_offer_record(acting_user=pat, sale=sale, buyer="B", amount="950", made_on=TODAY)
    services.sale_offer_decide(acting_user=pat, offer=first, accept=True)
    with pytest.raises(ApplicationError):
        services.sale_offer_decide(acting_user=pat, offer=second, accept=True)


def test_completion_receives_the_net_proceeds_once_and_the_home_is_sold(pat, home, may_sell, owner):
    sale = _exchanged(pat, home)
    with pytest.raises(ApplicationError):
        services.sale_complete(acting_user=pat, sale=sale, completed_on=TODAY + dt.timedelta(days=1), costs="3000")
    with pytest.raises(ApplicationError):
        services.sale_complete(acting_user=pat, sale=sale, completed_on=TODAY - dt.timedelta(days=2), costs="3000")
    sale.refresh_from_db()
    assert sale.status == SaleStatus.EXCHANGED and sale.proceeds_receipt is None
    sale = services.sale_complete(acting_user=pat, sale=sale, completed_on=TODAY, costs=Decimal("3500.00"))
    assert sale.net_proceeds == Decimal("201500.00")
    assert sale.proceeds_receipt.category == MoneyInCategory.SALE_OF_ASSETS
    services.sale_complete(acting_user=pat, sale=sale, completed_on=TODAY, costs=Decimal("3500.00"))
    assert Transaction.objects.filter(category=MoneyInCategory.SALE_OF_ASSETS).count() == 1
    home.refresh_from_db()
    assert home.occupancy == Occupancy.SOLD and home.occupancy_since == TODAY


def test_the_database_keeps_exchange_before_completion(pat, home, may_sell):
    sale = _exchanged(pat, home)
    with pytest.raises(IntegrityError), transaction.atomic():
        Sale.objects.filter(pk=sale.pk).update(completed_on=sale.exchanged_on - dt.timedelta(days=1))


def test_a_deferred_payment_agreement_on_the_home_raises_a_settlement_task(pat, home, may_sell, owner):
    from people.choices import Service
    from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

    team = TeamFactory(name="Deferred payments", service=Service.DEFERRED_PAYMENTS)
    leader = UserFactory(username="dina")
    TeamMembershipFactory(team=team, user=leader, is_leader=True)
    Agreement.objects.create(reference="DPA-0099", client=owner, home=home, prepared_by=pat)
    sale = _exchanged(pat, home)
    services.sale_complete(acting_user=pat, sale=sale, completed_on=TODAY, costs="0")
    task = Task.objects.get(title__startswith="Settle DPA-0099")
    assert task.assigned_to == leader


def test_a_stalled_sale_raises_a_task(pat, home, may_sell, settings):
    settings.PROPERTY_SALE_STALLED_AFTER_DAYS = 10
    sale = services.sale_start(acting_user=pat, home=home)
    assert services.stalled_sale_tasks_create(on=TODAY) == {"tasks": 0}
    Sale.objects.filter(pk=sale.pk).update(last_progress_on=TODAY - dt.timedelta(days=11))
    assert services.stalled_sale_tasks_create(on=TODAY) == {"tasks": 1}
    assert services.stalled_sale_tasks_create(on=TODAY) == {"tasks": 0}


def test_a_second_sale_of_the_same_home_is_refused(pat, home, may_sell):
    services.sale_start(acting_user=pat, home=home)
    with pytest.raises(ApplicationError):
        services.sale_start(acting_user=pat, home=home)
    assert Sale.objects.count() == 1
