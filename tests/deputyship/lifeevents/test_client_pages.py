"""A client's life events and registers: the page, and each form (a good answer is written with its reason, a
bad one is refused with a sentence and changes nothing; a person whose team does not hold the client gets a 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from deputyship.lifeevents import services
from deputyship.lifeevents.choices import (
    BenefitOutcome, DocumentKind, FuneralPlanOutcome, InvestmentKind, LifeEventKind,
)
from deputyship.lifeevents.models import (
    BenefitCheck, CherishedDocument, ClientDebt, FuneralPlanDecision, Investment, LifeEvent, TaxReturn,
)
from people.services import task_complete

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def date(name: str, day: dt.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def registers(officer, north_client):
    """An investment, a tax return due and a document held, for the pages about one record."""
    return {
        "client": north_client,
        "investment": services.investment_record(
            acting_user=officer, client=north_client, kind=InvestmentKind.SAVINGS, provider="Northern Bank bond",
            value=Decimal("5000.00"), valued_on=TODAY - dt.timedelta(days=300),
            review_on=TODAY + dt.timedelta(days=60)),
        "tax_return": services.tax_return_record(acting_user=officer, client=north_client, year_ending=2026,
                                                 reason="Rental income from 14 Mill Lane"),
        "document": services.cherished_document_record(
            acting_user=officer, client=north_client, kind=DocumentKind.PASSPORT, description="UK passport (expired)",
            location="Client affairs safe, drawer 1", received_on=TODAY - dt.timedelta(days=100)),
    }


@dataclass(frozen=True)
class Case:
    """One form: its URL name, the record in its URL, a good answer, a bad one with the sentence shown, the model
    it writes, the reason its history row gives, and what the good answer leaves on the record."""

    name: str
    on: str
    model: type
    good: dict
    bad: dict
    message: str
    reason: str
    written: dict = field(default_factory=dict)


CASES = [
    Case("life-event-add", "client", LifeEvent,
         {"kind": LifeEventKind.HOSPITAL_ADMISSION, **date("happened_on", TODAY), "note": "Admitted to the General"},
         {"kind": LifeEventKind.HOSPITAL_ADMISSION, **date("happened_on", TODAY + dt.timedelta(days=1))},
         "The date it happened must be today or in the past", "A long stay in hospital recorded",
         {"kind": LifeEventKind.HOSPITAL_ADMISSION, "note": "Admitted to the General"}),
    Case("investment-add", "client", Investment,
         {"kind": InvestmentKind.PREMIUM_BONDS, "provider": "NS&I", "value": "£12,500.00",
          **date("valued_on", TODAY), **date("review_on", TODAY + dt.timedelta(days=365))},
         {"kind": InvestmentKind.PREMIUM_BONDS, "provider": "NS&I", "value": "12.345",
          **date("valued_on", TODAY), **date("review_on", TODAY + dt.timedelta(days=365))},
         "Enter the value in pounds and pence", "Investment recorded",
         {"provider": "NS&I", "value": Decimal("12500.00")}),
    Case("investment-review", "investment", Investment,
         {"value": "5150.25", **date("valued_on", TODAY), **date("next_review_on", TODAY + dt.timedelta(days=365))},
         {"value": "5150.25", **date("valued_on", TODAY), **date("next_review_on", TODAY)},
         "The next review date must be after the date valued", "Investment reviewed",
         {"value": Decimal("5150.25"), "valued_on": TODAY, "review_on": TODAY + dt.timedelta(days=365)}),
    Case("tax-return-add", "client", TaxReturn,
         {"year_ending": "2025", "reason": "Interest on the bond"},
         {"year_ending": "25", "reason": "Interest on the bond"},
         "Enter a year from 2000 to 2100", "Tax return due recorded",
         {"year_ending": 2025, "due_on": dt.date(2026, 1, 31)}),
    Case("tax-return-filed", "tax_return", TaxReturn,
         date("filed_on", TODAY), date("filed_on", TODAY + dt.timedelta(days=2)),
         "The date filed must be today or in the past", "Tax return filed", {"filed_on": TODAY}),
    Case("funeral-plan-decide", "client", FuneralPlanDecision,
         {"outcome": FuneralPlanOutcome.NOT_SUITABLE, **date("decided_on", TODAY),
          "note": "Her daughter has paid for a plan"},
         {"outcome": FuneralPlanOutcome.NOT_SUITABLE, **date("decided_on", TODAY), "note": "  "},
         "Enter why a funeral plan is not suitable", "Funeral plan considered",
         {"outcome": FuneralPlanOutcome.NOT_SUITABLE}),
    Case("client-debt-add", "client", ClientDebt,
         {"creditor": "Anytown council tax", "balance": "350.00", "priority": "yes", "arrangement": "25 a month",
          "monthly_payment": "25.00", "iva": "no", **date("recorded_on", TODAY)},
         {"creditor": "Anytown council tax", "balance": "350.00", "priority": "yes", "arrangement": "",
          "monthly_payment": "25.00", "iva": "no", **date("recorded_on", TODAY)},
         "Describe the arrangement the monthly payment is made under", "Debt to Anytown council tax recorded",
         {"priority": True, "iva": False, "monthly_payment": Decimal("25.00"), "balance": Decimal("350.00")}),
    Case("benefit-check-add", "client", BenefitCheck,
         {"benefit": "Pension Credit", **date("checked_on", TODAY), "outcome": BenefitOutcome.REDUCED,
          "weekly_gain": "-12.50"},
         {"benefit": "Attendance Allowance", **date("checked_on", TODAY), "outcome": BenefitOutcome.AWARDED,
          "weekly_gain": ""},
         "An award or increase gains the client something each week", "Benefit check recorded",
         {"outcome": BenefitOutcome.REDUCED, "weekly_gain": Decimal("-12.50")}),
    Case("cherished-document-add", "client", CherishedDocument,
         {"kind": DocumentKind.WILL, "description": "Will dated 3 March 2009", "location": "Solicitors",
          **date("received_on", TODAY)},
         {"kind": DocumentKind.WILL, "description": "Will dated 3 March 2009", "location": "",
          **date("received_on", TODAY)},
         "Enter where it is kept", "Will added to the register",
         {"kind": DocumentKind.WILL, "location": "Solicitors"}),
    Case("cherished-document-move", "document", CherishedDocument,
         {"location": "Client affairs safe, drawer 2"}, {"location": ""}, "Enter where it is kept now",
         "Moved to Client affairs safe, drawer 2", {"location": "Client affairs safe, drawer 2"}),
    Case("cherished-document-return", "document", CherishedDocument,
         {"returned_to": "HM Passport Office", **date("returned_on", TODAY)},
         {"returned_to": "HM Passport Office", **date("returned_on", TODAY - dt.timedelta(days=200))},
         "A document cannot be returned before the council received it", "Returned to HM Passport Office",
         {"returned_to": "HM Passport Office", "returned_on": TODAY}),
]


def _snapshot(model) -> tuple:
    return (model.objects.count(), model.history.count())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_form(client_as, officer, registers, case):
    browser = client_as(officer)
    url = reverse(f"deputyship:{case.name}", args=[registers[case.on].pk])
    page = browser.get(url)
    assert page.status_code == 200 and "govuk-breadcrumbs" in page.content.decode()
    before = _snapshot(case.model)
    bad = browser.post(url, case.bad)
    assert bad.status_code == 200 and case.message in bad.content.decode()
    assert _snapshot(case.model) == before
    good = browser.post(url, case.good)
    assert good.status_code == 302
    assert good["Location"].startswith(reverse("deputyship:client-life", args=[registers["client"].pk]))
    row = case.model.history.order_by("-history_id").first()
    assert row.history_change_reason == case.reason and row.history_user == officer
    record = case.model.objects.get(pk=row.id)
    assert record.client_id == registers["client"].pk
    assert {name: getattr(record, name) for name in case.written} == case.written


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_form_is_a_404_to_a_team_not_holding_the_client(client_as, other_officer, registers, case):
    browser = client_as(other_officer)
    url = reverse(f"deputyship:{case.name}", args=[registers[case.on].pk])
    before = _snapshot(case.model)
    assert browser.get(url).status_code == 404
    assert browser.post(url, case.good).status_code == 404
    assert _snapshot(case.model) == before


def test_a_document_returned_can_be_neither_moved_nor_returned_again(client_as, officer, registers):
    document = services.cherished_document_return(acting_user=officer, document=registers["document"],
                                                  returned_on=TODAY, returned_to="HM Passport Office")
    browser = client_as(officer)
    moved = browser.post(reverse("deputyship:cherished-document-move", args=[document.pk]), {"location": "Safe"})
    assert moved.status_code == 200 and "the council no longer holds it" in moved.content.decode()
    document.refresh_from_db()
    assert document.location == "Client affairs safe, drawer 1"


def test_the_page_shows_every_register(client_as, officer, north_client, registers):
    event = services.life_event_record(acting_user=officer, client=north_client, kind=LifeEventKind.MOVING_INTO_CARE,
                                       happened_on=TODAY - dt.timedelta(days=2), note="Moved to Oakwood Care Home")
    task_complete(acting_user=officer, task=event.checklist.get(item="post").task, outcome="Done")
    services.client_debt_record(acting_user=officer, client=north_client, creditor="Aardvark Catalogues",
                                balance="80.00", priority=False, recorded_on=TODAY)
    services.client_debt_record(acting_user=officer, client=north_client, creditor="Water Board", balance="120.00",
                                priority=True, recorded_on=TODAY, arrangement="10 a month", monthly_payment="10.00",
                                iva=True)
    services.benefit_check_record(acting_user=officer, client=north_client, checked_on=TODAY,
                                  benefit="Attendance Allowance", outcome=BenefitOutcome.AWARDED,
                                  weekly_gain=Decimal("20.00"))
    services.funeral_plan_decide(acting_user=officer, client=north_client, outcome=FuneralPlanOutcome.PLAN_BOUGHT,
                                 decided_on=TODAY)
    page = client_as(officer).get(reverse("deputyship:client-life", args=[north_client.pk])).content.decode()
    items = event.checklist.count()
    for shown in ("Moving into a care home", "Moved to Oakwood Care Home", f"1 of {items} checklist items done",
                  "Redirect the post", "Northern Bank bond", "£5,000.00", "6 April 2025 to 5 April 2026",
                  "31 Jan 2027", "Rental income from 14 Mill Lane", "A funeral plan was bought", "+£20.00",
                  "Attendance Allowance", "IVA", "£10.00", "Held: Client affairs safe, drawer 1",
                  reverse("deputyship:investment-review", args=[registers["investment"].pk]),
                  reverse("deputyship:tax-return-filed", args=[registers["tax_return"].pk]),
                  reverse("deputyship:cherished-document-return", args=[registers["document"].pk]),
                  reverse("deputyship:life-event-add", args=[north_client.pk])):
        assert shown in page, shown
    assert page.index("Water Board") < page.index("Aardvark Catalogues")  # the priority debt first
    assert "funeral-plan-flag" not in page


def test_a_reader_sees_the_page_without_its_links(client_as, auditor, north_client, registers):
    page = client_as(auditor).get(reverse("deputyship:client-life", args=[north_client.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Northern Bank bond" in html and "UK passport (expired)" in html
    for link in (reverse("deputyship:life-event-add", args=[north_client.pk]),
                 reverse("deputyship:investment-review", args=[registers["investment"].pk]),
                 reverse("deputyship:cherished-document-move", args=[registers["document"].pk])):
        assert link not in html


def test_the_page_is_a_404_to_a_team_not_holding_the_client(client_as, other_officer, north_client):
    assert client_as(other_officer).get(reverse("deputyship:client-life", args=[north_client.pk])).status_code == 404


def test_the_funeral_plan_notice_until_a_decision(client_as, officer, north_client, fund):
    fund(north_client, "6000.00")
    url = reverse("deputyship:client-life", args=[north_client.pk])
    browser = client_as(officer)
    with override_settings(DEPUTYSHIP_FUNERAL_PLAN_CAPITAL_THRESHOLD="6000.00"):
        assert "funeral-plan-flag" in browser.get(url).content.decode()
        services.funeral_plan_decide(acting_user=officer, client=north_client,
                                     outcome=FuneralPlanOutcome.ALREADY_HAS_PLAN, decided_on=TODAY)
        assert "funeral-plan-flag" not in browser.get(url).content.decode()


def test_the_deputyship_tab_links_to_the_page(client_as, officer, north_client):
    page = client_as(officer).get(reverse("deputyship:client-deputyship", args=[north_client.pk])).content.decode()
    assert reverse("deputyship:client-life", args=[north_client.pk]) in page
