"""Where a client's letters go: the rule, its history (who changed it, when and why), its refusals,
and its page and its row on the client page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError, PermissionDeniedError
from people import correspondence, services
from people.models import ClientContact, CorrespondenceRule
from people.selectors import today
from people.services import AddressInput
from tests.people.pages import error_summary, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def peggy_in_care(north_client, officer):
    services.address_add(acting_user=officer, client=north_client, data=AddressInput(
        line_1="14 Chapel Lane", town="Anytown", postcode="AN3 4CD", start_date=dt.date(1990, 6, 1)))
    services.address_add(acting_user=officer, client=north_client, data=AddressInput(
        kind="care_home", line_1="Meadowbank Care Home", town="Anytown", postcode="AN5 7LP",
        start_date=today() - dt.timedelta(days=90)))
    daughter = services.contact_create(acting_user=officer, name="Susan Thornton",
                                       address="18 Larkspur Way\nAnytown\nAN6 3TW")
    services.client_contact_link(acting_user=officer, client=north_client, contact=daughter,
                                 relationship="attorney", description="Daughter")
    return north_client


def _attorney(client):
    return ClientContact.objects.get(client=client, relationship="attorney")


def test_each_change_is_in_the_history_with_who_and_why(peggy_in_care, officer, team_leader):
    services.correspondence_rule_set(acting_user=officer, client=peggy_in_care, send_to="care_home",
                                     reason="Moved into Meadowbank")
    services.correspondence_rule_set(acting_user=team_leader, client=peggy_in_care, send_to="care_home",
                                     representative=_attorney(peggy_in_care), copy_to_representative=True,
                                     reason="Susan asked for copies")

    rows = list(CorrespondenceRule.history.filter(client=peggy_in_care).order_by("history_id"))
    assert [(r.history_type, r.history_user, r.history_change_reason, r.copy_to_representative) for r in rows] == [
        ("+", officer, "Moved into Meadowbank", False),
        ("~", team_leader, "Susan asked for copies", True),
    ]


def test_the_same_rule_again_writes_nothing(peggy_in_care, officer):
    services.correspondence_rule_set(acting_user=officer, client=peggy_in_care, send_to="home", reason="Home")
    services.correspondence_rule_set(acting_user=officer, client=peggy_in_care, send_to="home", reason="Again")
    assert CorrespondenceRule.history.filter(client=peggy_in_care).count() == 1


@pytest.mark.parametrize("change, field", [
    ({"send_to": "correspondence"}, "send_to"),  # she has no correspondence address
    ({"send_to": "representative"}, "representative"),  # nobody named
    ({"send_to": "care_home", "reason": "  "}, "reason"),
])
def test_a_rule_that_could_not_be_followed_is_refused_and_nothing_changes(peggy_in_care, officer, change, field):
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        services.correspondence_rule_set(acting_user=officer, client=peggy_in_care,
                                         **{"reason": "Because", **change})
    assert field in refused.value.extra
    assert row_counts() == before


def test_a_representative_with_no_address_or_not_a_representative_is_refused(peggy_in_care, officer):
    son = services.contact_create(acting_user=officer, name="David Thornton")
    unaddressed = services.client_contact_link(acting_user=officer, client=peggy_in_care, contact=son,
                                               relationship="deputy")
    friend = services.client_contact_link(acting_user=officer, client=peggy_in_care, contact=son,
                                          relationship="friend")
    for link in (unaddressed, friend):
        with pytest.raises(ApplicationError) as refused:
            services.correspondence_rule_set(acting_user=officer, client=peggy_in_care, send_to="representative",
                                             representative=link, reason="Son")
        assert "representative" in refused.value.extra
    assert not CorrespondenceRule.objects.exists()


def test_only_a_team_holding_the_client_may_change_it(peggy_in_care, other_officer, auditor):
    for user in (other_officer, auditor):
        with pytest.raises(PermissionDeniedError):
            services.correspondence_rule_set(acting_user=user, client=peggy_in_care, send_to="home", reason="No")
    assert not CorrespondenceRule.objects.exists()


def test_without_a_rule_the_care_home_comes_before_the_home_she_left(peggy_in_care):
    resolution = correspondence.resolve(peggy_in_care, today())
    assert resolution.addressee.address_lines[0] == "Meadowbank Care Home"
    assert resolution.because == "default"


def test_the_page_sets_the_rule_and_the_client_page_shows_it(peggy_in_care, officer, client_as):
    browser = client_as(officer)
    url = reverse("people:correspondence-rule", args=[peggy_in_care.pk])
    detail = browser.get(peggy_in_care.get_absolute_url()).content.decode()
    assert "Letters go to" in detail and url in detail
    assert "Meadowbank Care Home" in detail.split("Letters go to")[1].split("Caseload")[0]

    missing = browser.post(url, {"send_to": "representative", "reason": "Susan deals with her post"})
    assert missing.status_code == 200 and "Choose their representative" in error_summary(missing)

    response = browser.post(url, {"send_to": "care_home", "representative": str(_attorney(peggy_in_care).pk),
                                  "copy_to_representative": "on", "reason": "Susan asked for copies"})
    assert response.status_code == 302
    rule = CorrespondenceRule.objects.get(client=peggy_in_care)
    assert (rule.send_to, rule.copy_to_representative) == ("care_home", True)
    assert rule.history.latest().history_change_reason == "Susan asked for copies"
    row = browser.get(peggy_in_care.get_absolute_url()).content.decode().split("Letters go to")[1].split("Caseload")[0]
    assert "Meadowbank Care Home" in row and "Copy to: Susan Thornton (attorney), 18 Larkspur Way" in row
    assert "The client&#x27;s correspondence rule" in row or "The client's correspondence rule" in row
    history = browser.get(reverse("audit:client-history", args=[peggy_in_care.pk])).content.decode().split('id="history"')[1]
    assert "Where letters go added" in history and "Susan asked for copies" in history


def test_the_client_page_has_no_change_link_for_a_reader(peggy_in_care, auditor, client_as):
    detail = client_as(auditor).get(peggy_in_care.get_absolute_url()).content.decode()
    assert "Letters go to" in detail
    assert reverse("people:correspondence-rule", args=[peggy_in_care.pk]) not in detail
