"""The agreement's money page and the statement pages, as the officer sees them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from deferred_payments.accrual.services import accrual_run
from deferred_payments.statements.models import AgreementStatement, StatementRequest
from deferred_payments.statements.services import statements_run
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def test_the_money_page_shows_balances_postings_and_statements(client, make_agreement, dp_officer):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=Decimal("612.45"))
    accrual_run(on=dt.date(2024, 7, 2))
    statements_run(end=dt.date(2024, 6, 30))
    client.force_login(dp_officer)
    page = client.get(reverse("deferred_payments:agreement-money", args=[agreement.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    statement = AgreementStatement.objects.get()
    assert f"£{statement.closing:,.2f}" in body and "Interest 1 Jan 2024 to 30 Jun 2024 at 4.65%" in body
    detail = client.get(reverse("deferred_payments:statement", args=[statement.pk]))
    assert detail.status_code == 200 and "Download the letter" in detail.content.decode()


def test_someone_outside_the_team_gets_404(client, make_agreement):
    agreement = make_agreement()
    from tests.factories import UserFactory, TeamMembershipFactory

    other = UserFactory(username="ollie")
    TeamMembershipFactory(team=TeamFactory(name="Charging", service="charging"), user=other)
    client.force_login(other)
    assert client.get(reverse("deferred_payments:agreement-money", args=[agreement.pk])).status_code == 404


def test_recording_and_issuing_a_request(client, make_agreement, dp_officer):
    from people.selectors import today

    agreement = make_agreement(starts_on=today() - dt.timedelta(days=30))
    client.force_login(dp_officer)
    url = reverse("deferred_payments:statement-request", args=[agreement.pk])
    bad = client.post(url, {"requested_on_0": "1", "requested_on_1": "1", "requested_on_2": str(today().year + 1),
                            "requested_by_name": "Philip Marsh"})
    assert bad.status_code == 200 and not StatementRequest.objects.exists()
    ok = client.post(url, {"requested_on_0": str(today().day), "requested_on_1": str(today().month),
                           "requested_on_2": str(today().year), "requested_by_name": "Philip Marsh"})
    assert ok.status_code == 302
    request = StatementRequest.objects.get()
    issued = client.post(reverse("deferred_payments:statement-issue", args=[request.pk]))
    assert issued.status_code == 302 and AgreementStatement.objects.filter(statement_request=request).exists()
