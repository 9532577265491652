"""The casework pages: who may open and submit each, their GOV.UK forms with errors, and the client
section. Another team's record is a 404 like a missing one; auditors read and are refused (403) every
page that only writes and every POST, which writes nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from charging.casework.services import appeals, topups
from charging.casework.choices import TopUpStatus
from charging.casework.models import Appeal, Referral, TopUpAgreement, TopUpInvoice
from people.selectors import today
from tests.charging.casework import fixtures
from tests.charging.casework.fixtures import row_counts
from tests.people.pages import date_parts, error_summary, field_error

agreement, daughter = fixtures.agreement, fixtures.daughter  # fixtures used by these tests

pytestmark = pytest.mark.django_db


@dataclass
class Casework:
    client: object
    agreement: TopUpAgreement
    invoice: TopUpInvoice
    appeal: Appeal


@pytest.fixture
def casework(charging_client, agreement, charging_leader, other_officer):
    topups.topup_invoices_raise(acting_user=charging_leader, period_start=agreement.start_date,
                                period_end=agreement.start_date + dt.timedelta(days=27))
    appeal = appeals.appeal_record(acting_user=other_officer, client=charging_client, kind="review",
                                   received_on=today(), grounds="The charge is too high")
    return Casework(client=charging_client, agreement=agreement, invoice=TopUpInvoice.objects.get(), appeal=appeal)


READ_PAGES = [("casework:topup-list", "client"), ("casework:topup-detail", "agreement"),
              ("casework:appeal-list", "client")]
FORM_PAGES = [("casework:topup-add", "client"), ("casework:topup-sign", "agreement"),
              ("casework:topup-end", "agreement"), ("casework:invoice-payment", "invoice"),
              ("casework:invoice-missed", "invoice"), ("casework:appeal-add", "client"),
              ("casework:appeal-outcome", "appeal"), ("casework:referral-add", "client")]
LEADER_PAGES = [("casework:deprivation-add", "client")]
ALL = READ_PAGES + FORM_PAGES + LEADER_PAGES
WRITE_LINK = re.compile(r'href="([^"]*/(?:add|signed|end|payment|missed|outcome)/[^"]*)"')


def url(world: Casework, name: str, kind: str) -> str:
    return reverse(name, args=[getattr(world, kind).pk])


def ids(pages):
    return [name.split(":")[1] for name, _ in pages]


def write_controls(response) -> list[str]:
    html = response.content.decode()
    forms = [tag for tag in re.findall(r"<form\b[^>]*>", html)
             if re.search(r'method="post"', tag, re.I) and "/sign-out/" not in tag]
    return forms + WRITE_LINK.findall(html)


# --- the permission matrix ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), READ_PAGES + FORM_PAGES, ids=ids(READ_PAGES + FORM_PAGES))
def test_the_clients_charging_officer_opens_every_page(client_as, other_officer, casework, name, kind):
    assert client_as(other_officer).get(url(casework, name, kind)).status_code == 200


@pytest.mark.parametrize(("name", "kind"), ALL, ids=ids(ALL))
def test_a_team_leader_opens_every_page(client_as, charging_leader, casework, name, kind):
    assert client_as(charging_leader).get(url(casework, name, kind)).status_code == 200


def test_only_a_team_leader_opens_the_deprivation_page(client_as, other_officer, casework):
    assert client_as(other_officer).get(url(casework, *LEADER_PAGES[0])).status_code == 403


@pytest.mark.parametrize(("name", "kind"), ALL, ids=ids(ALL))
def test_another_teams_officer_gets_not_found_and_writes_nothing(client_as, officer, casework, name, kind):
    target = url(casework, name, kind)
    assert client_as(officer).get(target).status_code == 404
    before = row_counts()
    assert client_as(officer).post(target, {"reason": "x", "grounds": "x"}).status_code in (404, 405)
    assert row_counts() == before


def test_a_record_that_does_not_exist_is_not_found(client_as, other_officer, casework):
    for name in ("casework:topup-list", "casework:topup-detail", "casework:invoice-payment",
                 "casework:appeal-outcome"):
        assert client_as(other_officer).get(reverse(name, args=[999999])).status_code == 404


@pytest.mark.parametrize(("name", "kind"), READ_PAGES, ids=ids(READ_PAGES))
def test_an_auditor_reads_and_sees_no_control_that_writes(client_as, auditor, other_officer, casework, name, kind):
    response = client_as(auditor).get(url(casework, name, kind))
    assert response.status_code == 200
    assert write_controls(response) == []
    # ...which an officer does see (so the check can fail)
    assert write_controls(client_as(other_officer).get(url(casework, name, kind)))


@pytest.mark.parametrize(("name", "kind"), FORM_PAGES + LEADER_PAGES, ids=ids(FORM_PAGES + LEADER_PAGES))
def test_an_auditor_is_refused_every_page_that_writes_and_every_post(client_as, auditor, casework, name, kind):
    target = url(casework, name, kind)
    assert client_as(auditor).get(target).status_code == 403
    before = row_counts()
    assert client_as(auditor).post(target, {"reason": "Auditor trying"}).status_code == 403
    assert row_counts() == before


def test_signed_out_users_are_sent_to_sign_in(client, casework):
    response = client.get(url(casework, "casework:topup-list", "client"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- the forms ------------------------------------------------------------------------------------

def test_adding_a_top_up_with_missing_answers_shows_the_errors_and_writes_nothing(client_as, other_officer,
                                                                                  casework):
    before = row_counts()
    response = client_as(other_officer).post(reverse("casework:topup-add", args=[casework.client.pk]), {})
    assert response.status_code == 200
    assert "Choose who pays the top-up" in error_summary(response)
    assert "Enter the weekly top-up" in error_summary(response)
    assert "remains liable to the care home" in response.content.decode()
    assert row_counts() == before


def test_a_service_refusal_lands_in_the_fields_error_slot(client_as, other_officer, casework):
    before = row_counts()
    response = client_as(other_officer).post(reverse("casework:topup-add", args=[casework.client.pk]), {
        "payer_kind": "resident", "weekly_amount": "60.00", "provider_name": "Beech House",
        **date_parts("start_date", today()),
    })
    assert response.status_code == 200
    assert "12-week property disregard" in field_error(response, "id_first_party_case")
    assert row_counts() == before


def test_adding_a_top_up_then_recording_the_signed_agreement(client_as, other_officer, casework, daughter):
    browser = client_as(other_officer)
    response = browser.post(reverse("casework:topup-add", args=[casework.client.pk]), {
        "payer_kind": "third_party", "payer": str(daughter.pk), "weekly_amount": "45.00",
        "provider_name": "Beech House", **date_parts("start_date", today()),
    })
    made = TopUpAgreement.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == reverse("casework:topup-detail", args=[made.pk])
    assert made.status == TopUpStatus.AWAITING_AGREEMENT and made.payer == daughter
    response = browser.post(reverse("casework:topup-sign", args=[made.pk]), date_parts("signed_on", today()))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == TopUpStatus.ACTIVE


def test_recording_a_payment_of_the_wrong_amount_is_refused(client_as, other_officer, casework):
    target = reverse("casework:invoice-payment", args=[casework.invoice.pk])
    before = row_counts()
    response = client_as(other_officer).post(target, {"amount_paid": "1.00", **date_parts("paid_on", today())})
    assert "full amount" in field_error(response, "id_amount_paid")
    assert row_counts() == before
    response = client_as(other_officer).post(target, {"amount_paid": "302.00", **date_parts("paid_on", today())})
    assert response.status_code == 302
    casework.invoice.refresh_from_db()
    assert casework.invoice.status == "paid"


def test_recording_an_appeal_and_its_outcome(client_as, other_officer, casework):
    browser = client_as(other_officer)
    response = browser.post(reverse("casework:appeal-add", args=[casework.client.pk]), {
        "kind": "complaint", "grounds": "Letter was rude", **date_parts("received_on", today()),
    })
    assert response.status_code == 302
    appeal = Appeal.objects.latest("id")
    outcome_url = reverse("casework:appeal-outcome", args=[appeal.pk])
    response = browser.post(outcome_url, {"outcome": "upheld", **date_parts("outcome_on", today())})
    assert "Enter the reasons for the outcome" in error_summary(response)
    response = browser.post(outcome_url, {"outcome": "partly_upheld", "reasons": "Apology sent",
                                          **date_parts("outcome_on", today())})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.outcome == "partly_upheld"


def test_making_a_referral_from_its_page(client_as, other_officer, charging_leader, casework):
    response = client_as(other_officer).post(reverse("casework:referral-add", args=[casework.client.pk]), {
        "to": "safeguarding", "reason": "Son taking her pension",
    })
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.task.assigned_to == charging_leader


def test_a_deprivation_decision_needs_its_reasons(client_as, charging_leader, casework):
    target = reverse("casework:deprivation-add", args=[casework.client.pk])
    before = row_counts()
    response = client_as(charging_leader).post(target, {
        "notional_capital": "1000.00", "asset_disposed": "Gift", "reasons": "Deliberate",
        **date_parts("decided_on", today()),
    })
    assert "Give the reasons for the decision in full" in field_error(response, "id_reasons")
    assert row_counts() == before


# --- the client section ---------------------------------------------------------------------------

def render_section(client, user, *, read_only_user: bool) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("charging/_casework_section.html",
                            {"client": client, "read_only_user": read_only_user}, request=request)


def test_the_client_section_lists_the_casework_with_links(casework, other_officer):
    html = render_section(casework.client, other_officer, read_only_user=False)
    assert "Helen Pemberton" in html and "£75.50" in html
    assert reverse("casework:topup-list", args=[casework.client.pk]) in html
    assert reverse("casework:referral-add", args=[casework.client.pk]) in html
    assert "Review request or appeal" in html


def test_the_client_section_has_no_write_links_for_auditors(casework, auditor):
    html = render_section(casework.client, auditor, read_only_user=True)
    assert reverse("casework:appeal-list", args=[casework.client.pk]) in html
    assert WRITE_LINK.findall(html) == []


def test_the_lists_lead_back_to_the_clients_charging_page(client_as, other_officer, casework):
    charging_page = reverse("charging:client-charging", args=[casework.client.pk])
    for name in ("casework:topup-list", "casework:appeal-list"):
        html = client_as(other_officer).get(reverse(name, args=[casework.client.pk])).content.decode()
        assert f'href="{charging_page}"' in html


@pytest.mark.parametrize(("name", "kind", "ceiling"), [
    # Each with the user's teams, whether their team holds the client, and the record-access log's insert.
    ("casework:topup-list", "client", 13), ("casework:topup-detail", "agreement", 13),
    ("casework:appeal-list", "client", 15),
])
def test_lists_do_not_grow_queries_with_their_rows(client_as, other_officer, casework, charging_leader,
                                                    django_assert_max_num_queries, name, kind, ceiling):
    """More agreements, invoices, appeals and referrals do not add queries (no query per row)."""
    from charging.casework.services import referrals

    for weeks in (4, 8, 12):
        start = casework.agreement.start_date + dt.timedelta(weeks=weeks)
        topups.topup_invoices_raise(acting_user=charging_leader, period_start=start,
                                    period_end=start + dt.timedelta(days=27))
        appeals.appeal_record(acting_user=other_officer, client=casework.client, kind="complaint",
                              received_on=today(), grounds=f"Complaint {weeks}")
        referrals.referral_make(acting_user=other_officer, client=casework.client, to="welfare_benefits",
                                reason=f"Reason {weeks}")
    browser = client_as(other_officer)
    with django_assert_max_num_queries(ceiling):
        assert browser.get(url(casework, name, kind)).status_code == 200
