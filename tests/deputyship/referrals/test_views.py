"""The referral pages, the menu entry and the panels on My work and the team leader's dashboard."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _count(html: str, label: str) -> str:
    found = re.search(re.escape(label) + r".{0,400}?(\d+)", html, re.S)
    return found.group(1) if found else ""


def test_my_work_and_the_dashboard_count_referrals_awaiting_documents(client_as, officer, team_leader, north_team,
                                                                     referral):
    mine = client_as(officer).get(reverse("my-work")).content.decode()
    assert "Referrals awaiting documents" in mine
    assert "Applications waiting: interested parties not yet told" in mine
    dashboard = client_as(team_leader).get(reverse("people:team-caseload", args=[north_team.pk])).content.decode()
    assert "Referrals and applications" in dashboard and "Security bonds due for renewal" in dashboard


def test_the_menu_and_the_list(client_as, officer, referral):
    body = client_as(officer).get(reverse("deputyship:referrals") + "?show=documents").content.decode()
    assert "Client affairs" in body and referral.client.full_name in body and "Awaiting documents" in body


def test_the_submit_page_shows_why_it_is_refused(client_as, officer, referral):
    web = client_as(officer)
    page = web.get(reverse("deputyship:referral-submit", args=[referral.pk])).content.decode()
    assert "Documents not yet returned" in page and "No relative or interested party has been identified" in page
    answer = web.post(reverse("deputyship:referral-submit", args=[referral.pk]),
                      {"submitted_on_0": "1", "submitted_on_1": "1", "submitted_on_2": "2026"})
    assert answer.status_code == 200 and "govuk-error-summary" in answer.content.decode()
    referral.refresh_from_db()
    assert referral.submitted_on is None


def test_a_team_leader_sets_the_threshold_and_an_officer_may_not(client_as, officer, team_leader):
    data = {"basis": "other_assets", "amount": "5,000.00", "effective_from_0": "1", "effective_from_1": "4",
            "effective_from_2": "2025", "source": "Hull City Council policy", "reason": "Adopted"}
    assert client_as(officer).post(reverse("deputyship:thresholds"), data).status_code == 403
    assert client_as(team_leader).post(reverse("deputyship:thresholds"), data).status_code == 302
    assert "Hull City Council policy" in client_as(officer).get(reverse("deputyship:thresholds")).content.decode()


def test_an_unheld_dwp_review_links_to_its_page_and_is_recorded_there(client_as, officer, appointeeship):
    from deputyship.referrals.services import appointee_review_add
    from tests.deputyship.authority.conftest import TODAY

    review = appointee_review_add(acting_user=officer, authority=appointeeship, due_on=TODAY)
    web = client_as(officer)
    tab = reverse("deputyship:client-deputyship", args=[appointeeship.client_id])
    url = reverse("deputyship:appointee-review-held", args=[review.pk])
    assert url in web.get(tab).content.decode()
    refused = web.post(url, {"held_on_0": str(TODAY.day), "held_on_1": str(TODAY.month),
                             "held_on_2": str(TODAY.year), "outcome": ""})
    assert refused.status_code == 200 and "Enter the outcome of the review" in refused.content.decode()
    answer = web.post(url, {"held_on_0": str(TODAY.day), "held_on_1": str(TODAY.month), "held_on_2": str(TODAY.year),
                            "outcome": "Appointeeship continues"})
    assert answer.status_code == 302 and answer["Location"] == tab
    body = web.get(tab).content.decode()
    assert "Appointeeship continues" in body and url not in body
