"""Direct debit pages and API: set up from the debtor's page, cancel, the runs with their files, the panel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from debt_recovery.directdebits.hooks import awaiting_lodgement_counts
from debt_recovery.directdebits.models import BacsFile, Mandate
from debt_recovery.directdebits.services import collection_run
from tests.debt_recovery.directdebits.bacs_reader import read

FORM = {"payer_name": "Wendy Firth", "sort_code": "30-94-57", "account_number": "31926819",
        "signed_on_0": "1", "signed_on_1": "12", "signed_on_2": "2026", "frequency": "four_weekly",
        "amount_basis": "fixed", "regular_amount": "86.50", "first_collection_on_0": "21",
        "first_collection_on_1": "12", "first_collection_on_2": "2026", "origin": "new", "reference": ""}


@pytest.mark.django_db
def test_an_officer_sets_up_a_direct_debit_from_the_debtor_page(client_as, debt_officer, debtor):
    browser = client_as(debt_officer)
    page = browser.get(reverse("debt_recovery:debtor-detail", args=[debtor.pk])).content.decode()
    assert reverse("debt_recovery:debtor-direct-debit", args=[debtor.pk]) in page
    response = browser.post(reverse("debt_recovery:dd-mandate-new", args=[debtor.pk]), FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    mandate = Mandate.objects.get(debtor=debtor)
    assert (mandate.sort_code, mandate.regular_amount, str(mandate.signed_on)) == ("309457", 86.5, "2026-12-01")
    page = browser.get(reverse("debt_recovery:debtor-direct-debit", args=[debtor.pk])).content.decode()
    assert mandate.reference in page and "****6819" in page and "31926819" not in page
    assert awaiting_lodgement_counts(debt_officer)[0].count == 1


@pytest.mark.django_db
def test_a_bad_sort_code_is_shown_on_the_form_and_nothing_is_saved(client_as, debt_officer, debtor):
    response = client_as(debt_officer).post(reverse("debt_recovery:dd-mandate-new", args=[debtor.pk]),
                                            {**FORM, "sort_code": "30-94"})
    assert response.status_code == 200
    assert "Enter a sort code like 30-94-57" in response.content.decode()
    assert not Mandate.objects.exists()


@pytest.mark.django_db
def test_cancelling_needs_a_reason(client_as, debt_officer, make_mandate):
    mandate = make_mandate()
    browser = client_as(debt_officer)
    url = reverse("debt_recovery:dd-mandate-cancel", args=[mandate.pk])
    assert browser.post(url, {"reason": ""}).status_code == 200
    assert browser.post(url, {"reason": "Payer asked"}).status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "cancelled"


@pytest.mark.django_db
def test_the_api_sets_up_and_refuses_bad_input(client_as, debt_officer, debtor):
    browser = client_as(debt_officer)
    url = reverse("api:debt-recovery-direct-debits")
    body = {"debtor": debtor.pk, "payer_name": "Wendy Firth", "sort_code": "309457", "account_number": "123",
            "frequency": "monthly", "amount_basis": "balance", "signed_on": "2026-12-01",
            "first_collection_on": "2026-12-21"}
    refused = browser.post(url, body, content_type="application/json")
    assert refused.status_code == 400 and "account_number" in refused.json()["errors"]
    made = browser.post(url, {**body, "account_number": "31926819"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["account_number"] == "****6819"
    listed = browser.get(url + "?awaiting_lodgement=true").json()
    assert [m["reference"] for m in listed["results"]] == [made.json()["reference"]]


@pytest.mark.django_db(transaction=True)
def test_the_runs_page_and_api_give_the_standard_18_file(client_as, debt_officer, make_mandate):
    make_mandate()
    collection_run(on=dt.date(2026, 12, 7))
    browser = client_as(debt_officer)
    page = browser.get(reverse("debt_recovery:dd-runs")).content.decode()
    bacs_file = BacsFile.objects.get()
    assert reverse("debt_recovery:dd-file", args=[bacs_file.pk]) in page
    download = browser.get(reverse("debt_recovery:dd-file", args=[bacs_file.pk]))
    assert read(download.content.decode("ascii"))[0]["code"] == "0N"
    api = browser.get(reverse("api:debt-recovery-direct-debit-file", args=[bacs_file.pk])).json()
    assert api["content"] == bacs_file.content and api["record_count"] == 1


@pytest.mark.django_db
def test_the_confirmation_letter_prints_the_guarantee(make_mandate):
    import re

    from documents.services import document_render
    from tests.documents.conftest import pdf_text

    mandate = make_mandate()
    text = re.sub(r"\s+", " ", pdf_text(document_render(document_id=mandate.confirmation_id).file.read()))
    assert "The Direct Debit Guarantee" in text
    assert ("If an error is made in the payment of your Direct Debit, by Your Council or your bank or building "
            "society, you are entitled to a full and immediate refund of the amount paid") in text
    assert mandate.reference in text and "****6819" in text and "31926819" not in text
