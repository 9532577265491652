"""The death pages: record the death, the letters, the funeral consent and payment, the final account, the grant
and release, Bona Vacantia; bad input refused with a sentence and nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from deputyship.death import services
from deputyship.death.choices import NotifiedHow, WillStatus
from deputyship.death.models import BonaVacantiaDecision, Death, DeathLetter, EstateRelease, FuneralConsent, Grant
from ledger.models import Payment
from tests.deputyship.death.conftest import DIED, TODAY

pytestmark = pytest.mark.django_db


def date(name: str, day: dt.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def death(officer, north_client, deputy, contacts, fund):
    fund(north_client, "3000.00", on=DIED - dt.timedelta(days=10))
    return services.death_record(acting_user=officer, client=north_client, died_on=DIED, notified_on=DIED,
                                 notified_how=NotifiedHow.CARE_HOME, will=WillStatus.NO_WILL, executor="")


def test_recording_a_death_on_the_page(client_as, officer, north_client, deputy, contacts):
    browser = client_as(officer)
    page = browser.get(reverse("deputyship:death-detail", args=[north_client.pk])).content.decode()
    assert "No death is recorded" in page and reverse("deputyship:death-record", args=[north_client.pk]) in page
    url = reverse("deputyship:death-record", args=[north_client.pk])
    bad = browser.post(url, {**date("died_on", DIED), **date("notified_on", DIED - dt.timedelta(days=1)),
                             "notified_how": "care_home", "will": "unknown"})
    assert bad.status_code == 200 and "must be the same as or after the date of death" in bad.content.decode()
    assert not Death.objects.exists()
    good = browser.post(url, {**date("died_on", DIED), **date("notified_on", DIED), "notified_how": "hospital",
                              "will": "valid_will", "executor": "Ann Smith"})
    assert good.status_code == 302
    death = Death.objects.get(client=north_client)
    assert DeathLetter.objects.filter(death=death).count() == 6
    page = browser.get(reverse("deputyship:death-detail", args=[north_client.pk])).content.decode()
    for shown in ("Ann Smith", "Office of the Public Guardian", "Northern Bank plc", "Old Friend", "No address",
                  "final report"):
        assert shown in page, shown
    again = browser.get(url)
    assert again.status_code == 302


def test_the_letters_button(client_as, officer, death):
    browser = client_as(officer)
    response = browser.post(reverse("deputyship:death-letters", args=[death.pk]), follow=True)
    assert "Record a postal address first for: Old Friend" in response.content.decode()


def test_funeral_consent_and_payment(client_as, officer, death):
    browser = client_as(officer)
    url = reverse("deputyship:funeral-consent-add", args=[death.pk])
    bad = browser.post(url, {"consented_by": "Ann Smith", **date("consented_on", TODAY),
                             "funeral_director": "Co-op", "amount": "-5"})
    assert bad.status_code == 200 and "must be more than £0.00" in bad.content.decode()
    early = browser.post(url, {"consented_by": "Ann Smith", **date("consented_on", DIED - dt.timedelta(days=2)),
                               "funeral_director": "Co-op", "amount": "1500.00"})
    assert early.status_code == 200 and "between the death and today" in early.content.decode()
    assert not FuneralConsent.objects.exists()
    assert browser.post(url, {"consented_by": "Ann Smith", **date("consented_on", TODAY),
                              "funeral_director": "Co-op", "amount": "1500.00"}).status_code == 302
    consent = FuneralConsent.objects.get()
    pay_url = reverse("deputyship:funeral-cost-pay", args=[consent.pk])
    key = "a" * 32
    too_much = browser.post(pay_url, {"amount": "1600.00", **date("effective_date", TODAY), "reference": "INV-1",
                                      "request_key": key})
    assert too_much.status_code == 200 and not Payment.objects.filter(payee="Co-op").exists()
    paid = browser.post(pay_url, {"amount": "1400.00", **date("effective_date", TODAY), "reference": "INV-1",
                                  "request_key": key})
    assert paid.status_code == 302
    browser.post(pay_url, {"amount": "1400.00", **date("effective_date", TODAY), "reference": "INV-1",
                           "request_key": key})
    assert Payment.objects.filter(payee="Co-op").count() == 1  # the same form twice pays once


def test_final_account_page_makes_the_pdf(client_as, officer, death):
    browser = client_as(officer)
    url = reverse("deputyship:final-account", args=[death.pk])
    future = browser.post(url, date("as_at", TODAY + dt.timedelta(days=3)))
    assert future.status_code == 200 and not hasattr(Death.objects.get(pk=death.pk), "final_account")
    assert browser.post(url, date("as_at", TODAY)).status_code == 302
    death.refresh_from_db()
    assert death.final_account.balance_now == Decimal("3000.00") and death.final_account.document is not None
    page = browser.get(reverse("deputyship:death-detail", args=[death.client_id])).content.decode()
    assert "£3,000.00" in page


def test_grant_then_release(client_as, officer, death):
    browser = client_as(officer)
    release_url = reverse("deputyship:estate-release", args=[death.pk])
    refused = browser.post(release_url, date("released_on", TODAY))
    assert refused.status_code == 200 and not EstateRelease.objects.exists()
    grant_url = reverse("deputyship:grant-record", args=[death.pk])
    bad = browser.post(grant_url, {"kind": "probate", **date("issued_on", DIED - dt.timedelta(days=1)),
                                   "reference": "PRB-1", "granted_to": "Ann Smith"})
    assert bad.status_code == 200 and "between the death and today" in bad.content.decode()
    assert not Grant.objects.exists()
    assert browser.post(grant_url, {"kind": "administration", **date("issued_on", TODAY), "reference": "LOA-1",
                                    "granted_to": "Jane Thornton"}).status_code == 302
    assert browser.post(release_url, date("released_on", TODAY)).status_code == 302
    release = EstateRelease.objects.get()
    assert release.amount == Decimal("3000.00") and release.paid_to == "Jane Thornton"


def test_bona_vacantia_refused_referral_and_reasoned_decision(client_as, officer, death):
    browser = client_as(officer)
    url = reverse("deputyship:bona-vacantia", args=[death.pk])
    fields = {"valid_will": "no", "known_entitled_relatives": "no", "grant_issued": "no",
              "gross_estate": "3000.00", "funeral_and_debts": "2700.00", "refer": "yes"}
    refused = browser.post(url, fields)
    assert refused.status_code == 200 and "would refuse this referral" in refused.content.decode()
    assert not BonaVacantiaDecision.objects.exists()
    no_reason = browser.post(url, {**fields, "funeral_and_debts": "0", "refer": "no"})
    assert no_reason.status_code == 200 and "say why it is not being referred" in no_reason.content.decode()
    assert browser.post(url, {**fields, "funeral_and_debts": "0", "refer": "yes"}).status_code == 302
    assert BonaVacantiaDecision.objects.get().refer is True


def test_other_team_cannot_see_or_act(client_as, other_officer, death):
    browser = client_as(other_officer)
    assert browser.get(reverse("deputyship:death-detail", args=[death.client_id])).status_code == 404
    assert browser.post(reverse("deputyship:grant-record", args=[death.pk]), {}).status_code == 404
