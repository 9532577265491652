"""The recommender cannot approve a write-off, in the page or the API; someone else with the authority
can; the pages draw."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.writeoffs import services
from debt_recovery.writeoffs.choices import WriteOffStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(bands, owing, debt_officer):
    return services.writeoff_recommend(acting_user=debt_officer, debtor=owing, amount=Decimal("90.00"),
                                       reason="uneconomic", note="Cost more than the debt")


def owed(debtor):
    return aged_balances(ledger_account_ids=[debtor.ledger_account_id])[debtor.ledger_account_id].owed


def test_the_page_refuses_the_recommender_and_lets_another_officer_approve(client_as, waiting, debt_officer,
                                                                           second_officer):
    browser = client_as(debt_officer)
    page = browser.get(reverse("debt_recovery:writeoff-detail", args=[waiting.pk]))
    assert "someone else must approve" in page.content.decode()
    assert "Approve and write off" not in page.content.decode()
    refused = browser.post(reverse("debt_recovery:writeoff-approve", args=[waiting.pk]), {"note": ""})
    assert refused.status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == WriteOffStatus.RECOMMENDED and owed(waiting.debtor) == Decimal("6200.00")

    other = client_as(second_officer)
    assert "Approve and write off" in other.get(reverse("debt_recovery:writeoff-detail", args=[waiting.pk])).content.decode()
    done = other.post(reverse("debt_recovery:writeoff-approve", args=[waiting.pk]), {"note": "Agreed"})
    assert done.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == WriteOffStatus.APPROVED and owed(waiting.debtor) == Decimal("6110.00")


def test_the_api_refuses_the_recommender_and_lets_another_officer_approve(client_as, waiting, debt_officer,
                                                                          second_officer):
    url = reverse("api:debt-recovery-writeoff-approve", args=[waiting.pk])
    refused = client_as(debt_officer).post(url, {}, content_type="application/json")
    assert refused.status_code == 403
    assert client_as(debt_officer).post(reverse("api:debt-recovery-writeoff-reject", args=[waiting.pk]),
                                        {"note": "no"}, content_type="application/json").status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == WriteOffStatus.RECOMMENDED
    done = client_as(second_officer).post(url, {"note": "Agreed"}, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "approved" and done.json()["transaction"]


def test_the_api_recommends_with_field_errors_for_bad_input(client_as, bands, owing, debt_officer):
    url = reverse("api:debt-recovery-writeoffs")
    bad = client_as(debt_officer).post(url, {"debtor": owing.pk, "amount": "99999.00", "reason": "uneconomic",
                                             "note": "x"}, content_type="application/json")
    assert bad.status_code == 400 and "amount" in bad.json()["errors"]
    good = client_as(debt_officer).post(url, {"debtor": owing.pk, "amount": "40.00", "reason": "untraceable",
                                              "note": "Gone away"}, content_type="application/json")
    assert good.status_code == 201 and good.json()["level_required"] == "officer"
    listed = client_as(debt_officer).get(url + "?status=recommended").json()
    assert [w["id"] for w in listed["results"]] == [good.json()["id"]]


def test_pages_draw(client_as, waiting, debt_officer, administrator, bands):
    browser = client_as(debt_officer)
    for name, args in (("debt_recovery:writeoffs", []), ("debt_recovery:writeoff-authority", []),
                       ("debt_recovery:writeoff-recommend", [waiting.debtor_id]),
                       ("debt_recovery:debtor-detail", [waiting.debtor_id])):
        assert browser.get(reverse(name, args=args)).status_code == 200, name
    bulk = browser.get(reverse("debt_recovery:writeoff-bulk") + "?threshold=50.00&note=Small")
    assert bulk.status_code == 200
    admin = client_as(administrator)
    assert admin.get(reverse("debt_recovery:writeoff-band-add")).status_code == 200
    assert admin.get(reverse("debt_recovery:writeoff-delegation-add")).status_code == 200


def test_recommend_page_shows_errors_and_saves_nothing(client_as, bands, owing, debt_officer):
    from debt_recovery.writeoffs.models import WriteOff

    page = client_as(debt_officer).post(reverse("debt_recovery:writeoff-recommend", args=[owing.pk]),
                                        {"amount": "-5", "reason": "", "note": ""})
    assert page.status_code == 200
    assert "must be more than" in page.content.decode() and not WriteOff.objects.exists()
