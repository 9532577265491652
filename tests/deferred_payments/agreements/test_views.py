"""The pages, end to end with the Django test client: an enquiry from the client's tab, the application,
the offer, signatures, approval by the team leader (the preparer is told someone else must), the legal
charge, a weekly amount, the sale and the money received, to settled."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import reverse

from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.models import Agreement
from people.selectors import today


def _date(prefix, name, day):
    return {f"{prefix}-{name}_0": day.day, f"{prefix}-{name}_1": day.month, f"{prefix}-{name}_2": day.year}


def _plain_date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def officer_browser(dpa_officer):
    browser = Browser()
    browser.force_login(dpa_officer)
    return browser


@pytest.fixture
def leader_browser(dpa_leader):
    browser = Browser()
    browser.force_login(dpa_leader)
    return browser


def act(browser, agreement, action, data=None):
    return browser.post(reverse("deferred_payments:agreement-action", args=[agreement.pk]),
                        {"action": action, **(data or {})})


def test_from_enquiry_to_settled_through_the_pages(officer_browser, leader_browser, dpa_client, dpa_home,
                                                   dpa_policy):
    tab = officer_browser.get(reverse("deferred_payments:client-deferred-payments", args=[dpa_client.pk]))
    assert tab.status_code == 200 and "Record an enquiry" in tab.content.decode()
    start = reverse("deferred_payments:application-start", args=[dpa_client.pk])
    response = officer_browser.post(start, _plain_date("enquiry_on", today()))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    page = reverse("deferred_payments:application", args=[agreement.pk])
    # A valuation in the future is refused on the page, nothing saved.
    bad = officer_browser.post(page, {"home": dpa_home.pk, "share_percent": "100", "valuation_value": "200000",
                                      **_plain_date("valuation_on", today() + dt.timedelta(days=3)), "valuer": "J Smith"})
    assert bad.status_code == 200 and "cannot be in the future" in bad.content.decode()
    agreement.refresh_from_db()
    assert agreement.home is None
    ok = officer_browser.post(page, {
        "home": dpa_home.pk, "share_percent": "100", "valuation_value": "200,000", "valuer": "J Smith MRICS",
        **_plain_date("valuation_on", today()), **_plain_date("applied_on", today()), "other_capital": "5000",
        "needs_met_in_care_home": "yes", "owns_main_or_only_home": "yes", "home_value_disregarded": "no",
        "first_charge_possible": "yes", "agrees_to_terms": "yes", "disposable_income_allowance": "144"})
    assert ok.status_code == 302, ok.content.decode()[:2000]
    detail = officer_browser.get(reverse("deferred_payments:agreement", args=[agreement.pk])).content.decode()
    assert "£165,750.00" in detail and "Eligible: every test in regulation 2 is met." in detail
    assert act(officer_browser, agreement, "offer").status_code == 302
    for party, name in (("council", "Imran Qureshi"), ("person", "Edna Marsh")):
        response = act(officer_browser, agreement, "sign", {"sign-party": party, "sign-name": name,
                                                            "sign-capacity": "Signatory",
                                                            **_date("sign", "signed_on", today())})
        assert response.status_code == 302
    own = officer_browser.get(reverse("deferred_payments:agreement", args=[agreement.pk])).content.decode()
    assert "someone else must approve it" in own
    refused = act(officer_browser, agreement, "approve")
    assert refused.status_code == 200 and "someone else must approve it" in refused.content.decode()
    assert act(leader_browser, agreement, "approve").status_code == 302
    # Nothing deferred before the charge: the form says why.
    early = act(officer_browser, agreement, "deferral", {**_date("deferral", "effective_from", today()),
                                                         "deferral-amount": "650", "deferral-source": "Assessment"})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.APPROVED
    assert act(officer_browser, agreement, "charge-request").status_code == 302
    bad_title = act(officer_browser, agreement, "charge-register", {"charge-register-title_number": "123456",
                                                                    **_date("charge-register", "registered_on", today())})
    assert "letters then digits" in bad_title.content.decode()
    assert act(officer_browser, agreement, "charge-register", {"charge-register-title_number": "NYK123456",
               **_date("charge-register", "registered_on", today())}).status_code == 302
    assert act(officer_browser, agreement, "charge-confirm").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert early.status_code in (200, 403)  # before the charge: refused (the section is not shown yet)
    assert act(officer_browser, agreement, "deferral", {**_date("deferral", "effective_from", today()),
               "deferral-amount": "650.00", "deferral-source": "Assessment of 1 March"}).status_code == 302
    assert act(officer_browser, agreement, "ending", {"ending-reason": "sale",
               **_date("ending", "event_on", today())}).status_code == 302
    assert act(officer_browser, agreement, "repayment", {"repayment-kind": "proceeds", "repayment-amount": "10.00",
               "repayment-reference": "COMPLETION", **_date("repayment", "received_on", today())}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SETTLED  # nothing was posted as deferred: £10 clears it
    assert agreement.repayments.get().amount == Decimal("10.00")
    final = officer_browser.get(reverse("deferred_payments:agreement", args=[agreement.pk])).content.decode()
    assert "final settlement letter" in final


def test_the_lists_and_panels(officer_browser, leader_browser, dpa_officer, dpa_client, dpa_home, dpa_policy):
    from tests.deferred_payments.case_fixtures import apply

    apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    listing = officer_browser.get(reverse("deferred_payments:agreements")).content.decode()
    assert "DPA-0001" in listing
    work = officer_browser.get(reverse("my-work"))
    assert work.status_code == 200
    api = officer_browser.get(reverse("api:deferred-payments-eligibility", args=[Agreement.objects.get().pk]))
    assert api.status_code == 200 and api.json()["equity_limit"] == "165750.00" and api.json()["eligible"]
