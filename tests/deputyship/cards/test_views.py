"""The prepaid card pages: the agreement, the card, its weekly spend, its balance, its end and its statements.
Each valid form changes the card with a reason in its history; bad input is refused with a sentence and changes
nothing; someone who does not hold the client is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deputyship.cards import services
from deputyship.cards.choices import CardHolder
from deputyship.cards.models import CardSpend, CardStatementImport, MoneyManagementAgreement, PrepaidCard

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def date(name: str, day: dt.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def statement(*rows: str) -> bytes:
    return ("Date,Description,Amount,Balance\n" + "\n".join(rows) + "\n").encode()


@pytest.fixture
def card(officer, north_client):
    return services.prepaid_card_issue(acting_user=officer, client=north_client, provider="Allpay", last_four="4821",
                                       holder=CardHolder.CLIENT, weekly_spend=Decimal("35.00"),
                                       issued_on=TODAY - dt.timedelta(days=14))


def test_from_agreement_to_a_card_held_by_the_care_home(client_as, officer, north_client):
    browser = client_as(officer)
    page = browser.get(reverse("deputyship:client-cards", args=[north_client.pk])).content.decode()
    assert "has no prepaid card in use" in page
    issue = reverse("deputyship:card-issue", args=[north_client.pk])
    fields = {"provider": "Allpay", "last_four": "4821", "holder": "care_provider",
              "holder_name": "Oakwood Care Home", "weekly_spend": "35.00", **date("issued_on", TODAY)}
    refused = browser.post(issue, fields)
    assert refused.status_code == 200 and "money management agreement" in refused.content.decode()
    assert not PrepaidCard.objects.exists()

    made = browser.post(reverse("deputyship:card-agreement-add", args=[north_client.pk]),
                        {"third_party": "Oakwood Care Home", **date("signed_on", TODAY - dt.timedelta(days=3)),
                         **date("review_on", TODAY + dt.timedelta(days=362))})
    assert made.status_code == 302
    agreement = MoneyManagementAgreement.objects.get(client=north_client)
    assert agreement.history.first().history_change_reason.startswith("Money management agreement")
    assert f'value="{agreement.pk}"' in browser.get(issue).content.decode()

    issued = browser.post(issue, {**fields, "agreement": agreement.pk})
    assert issued.status_code == 302
    card = PrepaidCard.objects.get(client=north_client)
    assert card.agreement == agreement and card.weekly_spend == Decimal("35.00") and card.agreed_by == officer
    page = browser.get(reverse("deputyship:client-cards", args=[north_client.pk])).content.decode()
    assert "Allpay, ending 4821" in page and "Oakwood Care Home" in page and "£35.00" in page
    # One card in use at a time: the issue page sends the officer back to the card.
    assert browser.get(issue).status_code == 302


def test_changing_the_weekly_spend(client_as, officer, card):
    browser = client_as(officer)
    url = reverse("deputyship:card-weekly-spend", args=[card.pk])
    for bad, message in ((({"weekly_spend": "0", "reason": "x"}), "more than £0.00"),
                         ({"weekly_spend": "40.00", "reason": ""}, "Enter why the weekly spend changes"),
                         ({"weekly_spend": "35.00", "reason": "Same"}, "already £35.00")):
        response = browser.post(url, bad)
        assert response.status_code == 200 and message in response.content.decode(), message
    card.refresh_from_db()
    assert card.weekly_spend == Decimal("35.00") and card.history.count() == 1
    assert browser.post(url, {"weekly_spend": "42.50", "reason": "Hairdresser every fortnight"}).status_code == 302
    card.refresh_from_db()
    assert card.weekly_spend == Decimal("42.50")
    assert card.history.first().history_change_reason == (
        "Weekly spend changed from £35.00 to £42.50: Hairdresser every fortnight")


def test_the_next_top_up_is_to_the_new_weekly_spend(officer, card, fund, north_client):
    fund(north_client, "500.00")
    services.card_balance_record(acting_user=officer, card=card, balance=Decimal("10.00"), on=TODAY)
    services.card_weekly_spend_change(acting_user=officer, card=card, weekly_spend=Decimal("50.00"),
                                      reason="More outings agreed at the review")
    assert services.card_topups_run(on=TODAY)["paid"] == 1
    assert card.topups.get().amount == Decimal("40.00")


def test_an_ended_card_keeps_its_weekly_spend(officer, card):
    services.prepaid_card_end(acting_user=officer, card=card, ended_on=TODAY, reason="Lost")
    with pytest.raises(services.CardError, match="has ended"):
        services.card_weekly_spend_change(acting_user=officer, card=card, weekly_spend=Decimal("20.00"),
                                          reason="Late change")
    card.refresh_from_db()
    assert card.weekly_spend == Decimal("35.00")


def test_balance_and_end(client_as, officer, card):
    browser = client_as(officer)
    balance = reverse("deputyship:card-balance", args=[card.pk])
    future = browser.post(balance, {"balance": "12.00", **date("on", TODAY + dt.timedelta(days=1))})
    assert future.status_code == 200 and "today or in the past" in future.content.decode()
    assert browser.post(balance, {"balance": "0.00", **date("on", TODAY)}).status_code == 302
    card.refresh_from_db()
    assert card.balance == Decimal("0.00") and card.balance_on == TODAY
    end = reverse("deputyship:card-end", args=[card.pk])
    early = browser.post(end, {**date("ended_on", TODAY - dt.timedelta(days=30)), "reason": "Lost"})
    assert early.status_code == 200 and "before it was issued" in early.content.decode()
    assert browser.post(end, {**date("ended_on", TODAY), "reason": "Lost on an outing"}).status_code == 302
    card.refresh_from_db()
    assert card.ended_on == TODAY and card.history.first().history_change_reason == "Lost on an outing"
    page = browser.get(reverse("deputyship:client-cards", args=[card.client.pk])).content.decode()
    assert "has no prepaid card in use" in page and "Earlier cards" in page


def test_importing_a_statement_all_or_nothing_and_once(client_as, officer, card):
    browser = client_as(officer)
    url = reverse("deputyship:card-statement-import", args=[card.pk])
    day = (TODAY - dt.timedelta(days=3)).strftime("%d/%m/%Y")
    bad = statement(f"{day},Top-up,35.00,35.00", f"{day},Newsagent,-4.20,31.00", "31/02/2026,Cafe,-2.00,29.00")
    refused = browser.post(url, {"file": SimpleUploadedFile("bad.csv", bad, content_type="text/csv")})
    text = refused.content.decode()
    assert refused.status_code == 200 and "nothing was recorded" in text
    assert "Line 3: the balance £31.00 is not the previous balance £35.00 plus the amount -4.20." in text
    assert "Line 4: the date" in text
    assert not CardStatementImport.objects.exists() and not CardSpend.objects.exists()

    good = statement(f"{day},Top-up,35.00,35.00", f"{day},Newsagent,-4.20,30.80")
    done = browser.post(url, {"file": SimpleUploadedFile("week.csv", good, content_type="text/csv")}, follow=True)
    assert "week.csv: 2 lines, £4.20 spent and £35.00 loaded; closing balance £30.80" in done.content.decode()
    assert "Newsagent" in done.content.decode()
    again = browser.post(url, {"file": SimpleUploadedFile("week-again.csv", good, content_type="text/csv")})
    assert again.status_code == 302
    assert CardStatementImport.objects.count() == 1 and CardSpend.objects.count() == 2
    card.refresh_from_db()
    assert card.balance == Decimal("30.80")


def test_someone_not_holding_the_client_is_refused(client_as, other_officer, officer, card):
    browser = client_as(other_officer)
    assert browser.get(reverse("deputyship:client-cards", args=[card.client.pk])).status_code in (403, 404)
    response = browser.post(reverse("deputyship:card-weekly-spend", args=[card.pk]),
                            {"weekly_spend": "90.00", "reason": "Not mine to change"})
    assert response.status_code in (403, 404)
    card.refresh_from_db()
    assert card.weekly_spend == Decimal("35.00")
