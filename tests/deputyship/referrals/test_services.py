"""Referrals to orders: intake and its checklist, the threshold, parties told before submission (refused by the
service and by PostgreSQL), the daily chase job (exactly once), the order received creating the authority with
its bond, and the appointeeship's BF56/BF57 and DWP reviews."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, PermissionDeniedError
from core.models import JobRun
from deputyship.authority.models import LegalAuthority, SecurityBond
from deputyship.referrals import services
from deputyship.referrals.models import ApplicationThreshold, InterestedParty, Referral, ReferralDocument
from deputyship.referrals.selectors import awaiting_documents, parties_not_told, referral_stage
from deputyship.referrals.tasks import referral_documents_chase_daily
from documents.models import Document
from people.models import Task
from tests.deputyship.authority.conftest import TODAY

pytestmark = pytest.mark.django_db


def _return_all(officer, referral):
    for document in referral.documents.all():
        services.referral_document_returned(acting_user=officer, document=document, returned_on=TODAY)


def _told(officer, referral, relatives):
    for link in relatives:
        services.referral_party_add(acting_user=officer, referral=referral, link=link)
    return services.referral_parties_notify(acting_user=officer, referral=referral)


# --- intake ---------------------------------------------------------------------------------------------

def test_a_deputyship_referral_starts_with_the_court_forms_checklist_due_in_a_week_when_urgent(referral):
    forms = set(referral.documents.values_list("form", flat=True))
    assert forms == {"COP1", "COP1A", "COP3", "COP4"}
    assert {d.due_on for d in referral.documents.all()} == {referral.referred_on + dt.timedelta(days=7)}
    assert referral_stage(referral) == "Awaiting documents"
    row = Referral.history.filter(id=referral.pk).latest("history_date")
    assert row.history_change_reason == "Referral received"


def test_an_appointeeship_referral_has_no_court_checklist(officer, north_client):
    referral = services.referral_create(acting_user=officer, client=north_client, source="dwp_visiting_officer",
                                        referrer="DWP visiting officer", referred_on=TODAY, urgency="routine",
                                        reason="Benefits only", authority_sought="appointeeship")
    assert not referral.documents.exists()
    assert referral_stage(referral) == "Gathering information"


def test_a_second_open_referral_is_refused(officer, north_client, referral):
    with pytest.raises(ApplicationError, match="already has a referral"):
        services.referral_create(acting_user=officer, client=north_client, source="care_management", referrer="x",
                                 referred_on=TODAY, urgency="routine", reason="y", authority_sought="deputyship")


def test_another_team_may_not_take_a_referral_for_the_client(other_officer, north_client):
    with pytest.raises(PermissionDeniedError):
        services.referral_create(acting_user=other_officer, client=north_client, source="care_management",
                                 referrer="x", referred_on=TODAY, urgency="routine", reason="y",
                                 authority_sought="deputyship")


# --- the threshold --------------------------------------------------------------------------------------

def test_the_threshold_is_set_by_a_team_leader_and_effective_dated(officer, team_leader, referral):
    with pytest.raises(PermissionDeniedError):
        services.threshold_set(acting_user=officer, basis="other_assets", amount=Decimal("5000.00"),
                               effective_from=TODAY, source="Hull", reason="Policy")
    services.threshold_set(acting_user=team_leader, basis="other_assets", amount=Decimal("5000.00"),
                           effective_from=TODAY - dt.timedelta(days=400), source="Hull City Council", reason="Policy")
    later = services.threshold_set(acting_user=team_leader, basis="savings", amount=Decimal("16000.00"),
                                   effective_from=TODAY + dt.timedelta(days=30), source="Cornwall", reason="Review")
    assert services.threshold_in_force().amount == Decimal("5000.00")
    assert services.threshold_in_force(on=later.effective_from) == later
    services.referral_asset_add(acting_user=officer, referral=referral, kind="asset", asset_type="bank",
                                description="Current account", value=Decimal("5000.01"), valued_on=TODAY)
    suggested, why = services.authority_suggested(referral=referral)
    assert suggested == "deputyship" and "£5,000.00" in why
    row = ApplicationThreshold.history.filter(id=later.pk).latest("history_date")
    assert row.history_change_reason == "Review" and row.history_user == team_leader


def test_benefits_do_not_count_towards_the_threshold(officer, team_leader, referral):
    services.threshold_set(acting_user=team_leader, basis="other_assets", amount=Decimal("5000.00"),
                           effective_from=TODAY, source="Hull City Council", reason="Policy")
    services.referral_asset_add(acting_user=officer, referral=referral, kind="asset", asset_type="benefit",
                                description="Attendance Allowance", value=Decimal("9000.00"), valued_on=TODAY)
    assert services.authority_suggested(referral=referral)[0] == "appointeeship"


# --- parties told before submission ---------------------------------------------------------------------

def test_submission_is_refused_until_every_party_is_told(officer, referral, relatives):
    _return_all(officer, referral)
    services.referral_party_add(acting_user=officer, referral=referral, link=relatives[0])
    assert referral_stage(referral) == "Interested parties to tell"
    with pytest.raises(ApplicationError, match="not yet told of the application: Susan Thornton"):
        services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY)
    referral.refresh_from_db()
    assert referral.submitted_on is None


def test_submission_is_refused_while_documents_are_out(officer, referral, relatives):
    _told(officer, referral, relatives)
    with pytest.raises(ApplicationError, match="Documents not yet returned"):
        services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY)


def test_submission_is_refused_when_no_one_was_looked_for(officer, referral):
    _return_all(officer, referral)
    with pytest.raises(ApplicationError, match="No relative or interested party has been identified"):
        services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY)
    services.referral_no_parties_record(acting_user=officer, referral=referral,
                                        reason="Searched the records, the GP and the care home: no family.")
    assert services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY).submitted_on == TODAY


def test_the_database_refuses_a_submission_with_a_party_not_told(officer, referral, relatives):
    services.referral_party_add(acting_user=officer, referral=referral, link=relatives[0])
    with pytest.raises(IntegrityError, match="not yet told"), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(submitted_on=TODAY)


def test_the_database_refuses_a_submission_with_no_party_and_no_reason(referral):
    with pytest.raises(IntegrityError, match="no interested party"), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(submitted_on=TODAY)


def test_telling_the_parties_sends_one_letter_each_in_one_go(officer, referral, relatives):
    told = _told(officer, referral, relatives)
    assert len(told) == 2
    letters = Document.objects.filter(kind="deputyship.party_notice")
    assert letters.count() == 2
    assert {d.data["recipient"]["name"] for d in letters} == {"Susan Thornton", "Michael Thornton"}
    assert letters.first().data["recipient"]["address_lines"][0] in ("18 Larkspur Way", "2 Mill Street")
    assert all(p.notified_on == TODAY and p.letter_id for p in InterestedParty.objects.all())
    with pytest.raises(ApplicationError, match="already been told"):
        services.referral_parties_notify(acting_user=officer, referral=referral)


def test_a_party_without_an_address_stops_every_letter(officer, referral, relatives):
    relatives[1].contact.address = ""
    relatives[1].contact.save()
    for link in relatives:
        services.referral_party_add(acting_user=officer, referral=referral, link=link)
    with pytest.raises(ApplicationError, match="postal address first for: Michael Thornton"):
        services.referral_parties_notify(acting_user=officer, referral=referral)
    assert not Document.objects.exists()
    assert not InterestedParty.objects.filter(notified_on__isnull=False).exists()


def test_a_contact_of_another_client_cannot_be_named(officer, referral, charging_client):
    from people.services import client_contact_link
    from tests.factories import ContactFactory

    foreign = client_contact_link(acting_user=officer, client=referral.client, contact=ContactFactory(),
                                  relationship="relative")
    foreign.client_id = charging_client.pk  # as if chosen from another client's page
    with pytest.raises(ApplicationError, match="this client's contacts"):
        services.referral_party_add(acting_user=officer, referral=referral, link=foreign)


# --- to the order -------------------------------------------------------------------------------------------

def test_a_referral_becomes_an_order_with_its_authority_and_bond(officer, referral, relatives):
    _return_all(officer, referral)
    _told(officer, referral, relatives)
    assert referral_stage(referral) == "Ready to submit"
    services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY - dt.timedelta(days=2))
    services.referral_issued(acting_user=officer, referral=referral, issued_on=TODAY - dt.timedelta(days=1))
    authority = services.referral_order_record(
        acting_user=officer, referral=referral, made_on=TODAY, reference="1234567T",
        scope="Property and financial affairs", restrictions="No sale without further order",
        payment_limit=Decimal("10000.00"), bond_provider="Howden", bond_amount=Decimal("30000.00"),
        bond_premium=Decimal("150.00"), bond_renewal_on=TODAY + dt.timedelta(days=365))
    referral.refresh_from_db()
    assert referral.authority == authority and referral_stage(referral) == "Order received"
    assert authority.kind == "deputy" and not authority.may_sell_property
    bond = SecurityBond.objects.get(authority=authority)
    assert Task.objects.get(pk=bond.renewal_task_id).due_date == TODAY + dt.timedelta(days=365 - 28)


def test_an_order_with_half_a_bond_is_refused_and_records_nothing(officer, referral, relatives):
    _return_all(officer, referral)
    _told(officer, referral, relatives)
    services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY)
    with pytest.raises(ApplicationError, match="security bond"):
        services.referral_order_record(acting_user=officer, referral=referral, made_on=TODAY, reference="1",
                                       scope="All", bond_provider="Howden")
    assert not LegalAuthority.objects.exists()


def test_an_order_before_submission_is_refused(officer, referral):
    with pytest.raises(ApplicationError, match="submission before the order"):
        services.referral_order_record(acting_user=officer, referral=referral, made_on=TODAY, reference="1",
                                       scope="All")


# --- the daily chase job ------------------------------------------------------------------------------------

def test_the_chase_job_gives_one_task_per_overdue_document_exactly_once(officer, referral):
    on = referral.referred_on + dt.timedelta(days=8)  # a day past the week an urgent referral gives
    services.referral_document_returned(acting_user=officer, document=referral.documents.get(form="COP4"),
                                        returned_on=referral.referred_on)
    first = referral_documents_chase_daily(on.isoformat())
    assert first["summary"] == {"chase_tasks": 3, "no_officer": 0}
    tasks = Task.objects.filter(title__startswith="Chase")
    assert tasks.count() == 3 and {t.assigned_to for t in tasks} == {officer}
    assert referral_documents_chase_daily(on.isoformat())["summary"] == first["summary"]  # the same run: nothing more
    referral_documents_chase_daily((on + dt.timedelta(days=1)).isoformat())  # the next day: nothing new
    assert Task.objects.filter(title__startswith="Chase").count() == 3
    assert JobRun.objects.filter(job="deputyship-referral-chase").count() == 2
    assert set(ReferralDocument.objects.filter(chase_task__isnull=False).values_list("form", flat=True)) == {
        "COP1", "COP1A", "COP3"}


def test_nothing_is_chased_before_its_due_date(referral):
    referral_documents_chase_daily(referral.referred_on.isoformat())
    assert not Task.objects.exists()


def test_returning_a_chased_document_completes_its_task(officer, referral):
    referral_documents_chase_daily((referral.referred_on + dt.timedelta(days=8)).isoformat())
    document = referral.documents.get(form="COP3")
    services.referral_document_returned(acting_user=officer, document=document, returned_on=TODAY)
    assert Task.objects.get(pk=document.chase_task_id).status == "done"


def test_the_panels_count_referrals_awaiting_documents_and_parties(officer, referral, relatives):
    visible = Referral.objects.all()
    assert awaiting_documents(visible).count() == 1 and parties_not_told(visible).count() == 1
    _return_all(officer, referral)
    _told(officer, referral, relatives)
    assert awaiting_documents(visible).count() == 0 and parties_not_told(visible).count() == 0


# --- the appointeeship ------------------------------------------------------------------------------------

def test_an_appointeeship_runs_from_bf56_to_bf57_with_reviews(officer, north_client):
    referral = services.referral_create(acting_user=officer, client=north_client, source="dwp_visiting_officer",
                                        referrer="DWP visiting officer", referred_on=TODAY - dt.timedelta(days=40),
                                        urgency="urgent", reason="Pension Credit only", authority_sought="appointeeship")
    with pytest.raises(ApplicationError, match="BF56 sent first"):
        services.referral_bf57_record(acting_user=officer, referral=referral, approved_on=TODAY, reference="A1")
    services.referral_dwp_dates(acting_user=officer, referral=referral, bf56_sent_on=TODAY - dt.timedelta(days=30),
                                dwp_visit_on=TODAY - dt.timedelta(days=10))
    authority = services.referral_bf57_record(acting_user=officer, referral=referral, approved_on=TODAY,
                                              reference="DWP-778812", first_review_on=TODAY + dt.timedelta(days=365))
    assert authority.kind == "appointee" and not authority.may_sell_property
    review = authority.dwp_reviews.get()
    assert Task.objects.get(pk=review.task_id).due_date == TODAY + dt.timedelta(days=365)
    with pytest.raises(ApplicationError, match="already recorded"):
        services.appointee_review_add(acting_user=officer, authority=authority, due_on=review.due_on)


def test_court_dates_on_an_appointeeship_are_refused(officer, north_client):
    referral = services.referral_create(acting_user=officer, client=north_client, source="other", referrer="GP",
                                        referred_on=TODAY, urgency="routine", reason="x",
                                        authority_sought="appointeeship")
    with pytest.raises(ApplicationError, match="Only a deputyship"):
        services.referral_submit(acting_user=officer, referral=referral, submitted_on=TODAY)


def test_closing_a_referral_lets_another_be_taken(officer, north_client, referral):
    services.referral_close(acting_user=officer, referral=referral, closed_on=TODAY, reason="Son holds an LPA")
    assert services.referral_create(acting_user=officer, client=north_client, source="care_management",
                                    referrer="x", referred_on=TODAY, urgency="routine", reason="y",
                                    authority_sought="deputyship")


# --- a DWP review held ------------------------------------------------------------------------------------

def _review(officer, appointeeship):
    return services.appointee_review_add(acting_user=officer, authority=appointeeship, due_on=TODAY)


def test_a_dwp_review_is_recorded_as_held_once_and_its_task_is_done(officer, appointeeship):
    from deputyship.referrals.models import AppointeeReview

    review = _review(officer, appointeeship)
    held = services.appointee_review_held(acting_user=officer, review=review, held_on=TODAY - dt.timedelta(days=2),
                                          outcome="  Appointeeship continues; next review in a year.  ")
    assert held.held_on == TODAY - dt.timedelta(days=2)
    assert held.outcome == "Appointeeship continues; next review in a year."
    task = Task.objects.get(pk=review.task_id)
    assert task.status == "done" and task.completed_by == officer
    row = AppointeeReview.history.filter(id=review.pk).latest("history_date")
    assert row.history_change_reason == "DWP review held" and row.history_user == officer
    with pytest.raises(ApplicationError, match="already recorded as held"):
        services.appointee_review_held(acting_user=officer, review=review, held_on=TODAY, outcome="Again")
    assert AppointeeReview.objects.get(pk=review.pk).outcome == "Appointeeship continues; next review in a year."


@pytest.mark.parametrize("held_on, outcome, message", [
    (TODAY + dt.timedelta(days=1), "Continues", "cannot be in the future"),
    (TODAY - dt.timedelta(days=101), "Continues", "before the appointeeship began"),
    (TODAY, "   ", "Enter the outcome"),
])
def test_a_review_held_in_the_future_before_the_appointeeship_or_without_an_outcome_is_refused(
        officer, appointeeship, held_on, outcome, message):
    review = _review(officer, appointeeship)
    with pytest.raises(ApplicationError, match=message):
        services.appointee_review_held(acting_user=officer, review=review, held_on=held_on, outcome=outcome)
    review.refresh_from_db()
    assert review.held_on is None and review.outcome == ""
    assert Task.objects.get(pk=review.task_id).status == "open"


def test_a_review_after_the_appointeeship_ended_is_refused(officer, appointeeship):
    from deputyship.authority.services import authority_end

    review = _review(officer, appointeeship)
    authority_end(acting_user=officer, authority=appointeeship, ends_on=TODAY - dt.timedelta(days=3),
                  reason="The client now manages her own benefits")
    with pytest.raises(ApplicationError, match="ended on"):
        services.appointee_review_held(acting_user=officer, review=review, held_on=TODAY, outcome="Continues")


def test_another_team_may_not_record_a_review_held(officer, other_officer, appointeeship):
    review = _review(officer, appointeeship)
    with pytest.raises(PermissionDeniedError):
        services.appointee_review_held(acting_user=other_officer, review=review, held_on=TODAY, outcome="x")
