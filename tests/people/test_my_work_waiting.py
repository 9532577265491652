"""My work starts with what waits for this user: each app's panel of counts (core.registry), shown only
to those who may act on it, each count linking to the list behind it; then the tasks."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ledger import client_money
from ledger.choices import MoneyInCategory, MoneyOutCategory, PaymentStatus
from ledger.models import BankBalanceSource, Reconciliation
from people.selectors import today
from tests.charging.conftest import care_started, resident_inputs
from tests.money import confirmed

pytestmark = pytest.mark.django_db


def waiting(response) -> dict[str, tuple[int, str]]:
    """The "Waiting for you" lines: label -> (count, link)."""
    html = response.content.decode()
    section = re.search(r'data-testid="waiting".*?</section>', html, re.S)
    if section is None:
        return {}
    return {label: (int(count), href) for href, label, count in re.findall(
        r'<a class="govuk-link" href="([^"]+)">([^<]+)</a> <strong class="app-count">(\d+)</strong>', section.group(0))}


@pytest.fixture
def held_payment(officer, north_client):
    confirmed(client_money.client_receipt_record(acting_user=officer, client=north_client, amount=Decimal("200.00"),
                                                 effective_date=today(), category=MoneyInCategory.STATE_PENSION,
                                                 idempotency_key="wait-receipt"))
    for n in range(2):
        payment = client_money.client_payment_make(
            acting_user=officer, client=north_client, amount=Decimal("60.00"), effective_date=today(),
            category=MoneyOutCategory.ELECTRICITY_AND_GAS, payee="British Gas", reference="BG-9",
            idempotency_key=f"wait-payment-{n}")
    assert payment.status == PaymentStatus.HELD
    return payment


@pytest.fixture
def prepared_reconciliation(officer):
    last_month = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    zero = Decimal("0.00")
    return Reconciliation.objects.create(month=last_month, prepared_by=officer, bank_closing_balance=zero,
                                         bank_balance_source=BankBalanceSource.ENTERED, ledger_balance=zero,
                                         difference=zero)


def test_the_client_affairs_leader_sees_the_sign_off_and_the_held_payment_before_the_tasks(
        client_as, team_leader, held_payment, prepared_reconciliation):
    response = client_as(team_leader).get(reverse("my-work"))
    lines = waiting(response)
    assert lines["Reconciliations waiting for your sign-off"] == (1, reverse("ledger:reconciliations"))
    assert lines["Payments held for a second officer to check"] == (1, reverse("ledger:overview") + "#held")
    html = response.content.decode()
    assert html.index("Waiting for you") < html.index("Due in the next 14 days")


def test_the_officer_who_asked_for_the_payment_and_prepared_the_month_is_not_asked_to_check_them(
        client_as, officer, held_payment, prepared_reconciliation):
    lines = waiting(client_as(officer).get(reverse("my-work")))
    assert "Payments held for a second officer to check" not in lines
    assert "Reconciliations waiting for your sign-off" not in lines  # an officer does not sign off


def test_the_charging_leader_sees_approvals_and_the_officer_their_drafts(
        client_as, charging_leader, other_officer, charging_client):
    from charging import services

    package = services.care_package_add(acting_user=other_officer, client=charging_client, setting="residential",
                                        weekly_cost="900.00", start_date=care_started(), provider_name="Oak")
    draft = services.assessment_draft_create(acting_user=other_officer, client=charging_client,
                                             care_package=package, assessment_date=package.start_date,
                                             inputs=resident_inputs(), reason="New")
    services.assessment_draft_create(acting_user=other_officer, client=charging_client, care_package=package,
                                     assessment_date=package.start_date, inputs=resident_inputs(), reason="Again")
    services.assessment_submit(acting_user=other_officer, assessment=draft)
    leader = waiting(client_as(charging_leader).get(reverse("my-work")))
    assert leader["Assessments waiting for your approval"] == (1, reverse("charging:approvals"))
    officer = waiting(client_as(other_officer).get(reverse("my-work")))
    assert officer["Your draft assessments"][0] == 1
    assert "Assessments waiting for your approval" not in officer
    drafts = client_as(other_officer).get(officer["Your draft assessments"][1].replace("&amp;", "&"))
    assert drafts.status_code == 200 and "Again" not in drafts.content.decode()  # the list, not the reason
    assert len(drafts.context["page"].object_list) == 1


@pytest.mark.parametrize("persona", ["auditor", "administrator", "other_officer"])
def test_others_are_not_shown_client_money_work(request, client_as, persona, held_payment, prepared_reconciliation):
    lines = waiting(client_as(request.getfixturevalue(persona)).get(reverse("my-work")))
    assert not {"Reconciliations waiting for your sign-off", "Payments held for a second officer to check"} & set(lines)
