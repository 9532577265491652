"""Charging letters to the person: rate sources stay on the staff working (the assessment page), never
on a letter; an invoice that carries earlier periods says so in its opening sentence and shows each
period as its own row; both are addressed by the client's correspondence rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from charging.run import services as charging_run
from charging.run.letters import invoice_data
from charging.models import Invoice
from charging.run.periods import Period
from charging.assessments.presentation import rates_used
from charging.run.services import charging_run_clients, invoice_parts
from core.context import acting_as_job
from documents.services import document_render
from people import services as people_services
from people.selectors import today
from tests.documents.conftest import pdf_text

D = Decimal


def _text(response) -> str:
    return " ".join(response.content.decode().replace("<", " <").split())


@pytest.mark.django_db
def test_rate_sources_are_on_the_staff_working_and_never_on_the_letter(make_assessment, client_as, other_officer):
    assessment = make_assessment("approved")
    sources = {rate["source"] for rate in rates_used(assessment.result)}
    assert sources and all(len(source) > 10 for source in sources)

    document = document_render(document_id=assessment.letter_id)

    text = pdf_text(document.file.read())
    assert "The figures we used" in text and "Personal expenses allowance (care home), a week" in text
    for source in sources:
        assert " ".join(source.split()) not in text, source
        assert source not in str(document.data), source
    page = _text(client_as(other_officer).get(reverse("charging:assessment-detail", args=[assessment.pk])))
    for source in sources:
        assert " ".join(source.split()) in page, source


def _run(period, client):
    with acting_as_job(charging_run.JOB):
        return charging_run_clients(period=period, client_ids=[client.pk])


@pytest.mark.django_db
def test_an_invoice_with_earlier_periods_says_so_and_shows_each_period(make_resident):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    _run(Period(2), client)  # 2026-P03, 1 to 28 June 2026: P01 and P02 were never charged
    invoice = Invoice.objects.get(client=client)

    parts = invoice_parts(invoice.lines, period_start=invoice.period_start)
    assert (parts.this_period_total, parts.earlier_total) == (D("575.40"), D("945.30"))
    assert parts.total == invoice.amount == D("1520.70")
    assert parts.earlier_from == dt.date(2026, 4, 16)

    document = document_render(document_id=invoice.document_id)

    assert document.template_version == "2"
    text = pdf_text(document.file.read())
    assert ("for care from 1 June 2026 to 28 June 2026 (£575.40), and £945.30 for earlier periods from "
            "16 April 2026") in text
    assert "6 April 2026 to 3 May 2026 Care charges £369.90" in text
    assert "4 May 2026 to 31 May 2026 Care charges £575.40" in text
    assert "1 June 2026 to 28 June 2026 Care charges £575.40" in text
    assert text.index("Earlier periods") > text.index("This period: 1 June 2026 to 28 June 2026")
    assert "Total to pay £1,520.70" in text


@pytest.mark.django_db
def test_an_invoice_for_its_own_period_only_mentions_no_earlier_periods(make_resident):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    _run(Period(0), client)
    invoice = Invoice.objects.get(client=client)

    text = pdf_text(document_render(document_id=invoice.document_id).file.read())

    assert "for care from 6 April 2026 to 3 May 2026. We charge" in text
    assert "earlier periods" not in text


@pytest.mark.django_db
def test_the_invoice_letter_refuses_a_total_that_is_not_the_invoices(make_resident):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    _run(Period(1), client)
    invoice = Invoice.objects.get(client=client)
    invoice.amount += D("0.01")

    with pytest.raises(ValueError):
        invoice_data(client=client, on=today(), invoice=invoice)


@pytest.mark.django_db
def test_the_invoice_goes_where_the_rule_says_with_the_copy(make_resident, other_officer):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    attorney = people_services.contact_create(acting_user=other_officer, name="Mr Paul Resident",
                                              address="9 Willow Walk\nAnytown\nAN6 1AB")
    link = people_services.client_contact_link(acting_user=other_officer, client=client, contact=attorney,
                                               relationship="attorney", description="Son")
    people_services.correspondence_rule_set(
        acting_user=other_officer, client=client, send_to="representative", representative=link,
        copy_to_client=True, reason="Her son deals with her bills")
    _run(Period(0), client)
    invoice = Invoice.objects.get(client=client)

    data = invoice.document.data
    assert data["recipient"]["name"] == "Mr Paul Resident"
    assert data["recipient"]["address_lines"] == ["9 Willow Walk", "Anytown", "AN6 1AB"]
    assert [copy["address_lines"][0] for copy in data["copies"]] == ["Beech House Care Home"]
    text = pdf_text(document_render(document_id=invoice.document_id).file.read())
    assert "Dear Mr Paul Resident" in text and "Copy to: Edith Resident" in text


def test_invoice_parts_split_by_period_with_a_credit_for_an_earlier_one():
    this = {"period_start": "2026-06-01", "period_end": "2026-06-28", "sequence": 0, "amount": "575.40",
            "title": "Care charges, 1 Jun to 28 Jun 2026",
            "pieces": [{"from": "2026-06-01", "to": "2026-06-28", "text": "", "amount": "575.40"}]}
    credit = {"period_start": "2026-05-04", "period_end": "2026-05-31", "sequence": 1, "amount": "-41.10",
              "title": "Change to the care charges for 4 May to 31 May 2026: now £534.30, already charged £575.40",
              "pieces": [{"from": "2026-05-11", "to": "2026-05-31", "text": "", "amount": "534.30"}]}

    parts = invoice_parts([credit, this], period_start=dt.date(2026, 6, 1))

    assert [line["amount"] for line in parts.this_period] == ["575.40"]
    assert [line["amount"] for line in parts.earlier] == ["-41.10"]
    assert (parts.this_period_total, parts.earlier_total, parts.total) == (D("575.40"), D("-41.10"), D("534.30"))
    assert parts.earlier_from == dt.date(2026, 5, 11)
    assert invoice_parts([this], period_start=dt.date(2026, 6, 1)).earlier_from is None
