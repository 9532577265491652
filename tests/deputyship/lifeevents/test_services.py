"""Life events as checklists of tasks, the investment review and tax return jobs (exactly once), the
funeral plan flag, debts, benefit checks and the cherished documents register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from core.exceptions import ApplicationError
from deputyship.lifeevents import services
from deputyship.lifeevents.checklists import CHECKLISTS
from deputyship.lifeevents.choices import (
    BenefitOutcome, DocumentKind, FuneralPlanOutcome, InvestmentKind, LifeEventKind,
)
from deputyship.lifeevents.models import BenefitCheck, CherishedDocument, ClientDebt, LifeEvent, TaxReturn
from deputyship.lifeevents.tasks import lifeevents_daily
from people.choices import Service
from people.models import Task
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

TODAY = dt.date.today()


@pytest.fixture
def property_leader(db):
    team = TeamFactory(name="Property", service=Service.PROPERTY)
    user = UserFactory(username="pat", first_name="Pat", last_name="Property")
    TeamMembershipFactory(team=team, user=user, is_leader=True)
    return user


@pytest.mark.django_db
class TestMovingIntoCare:
    def test_every_item_is_a_task_and_the_property_officer_holding_the_client_gets_its_own(
            self, officer, north_client, property_leader):
        from core.rules import can
        from people.models import Allocation

        team = property_leader.memberships.get().team
        Allocation.objects.create(client=north_client, team=team, service=Service.PROPERTY, officer=property_leader,
                                  start_date=TODAY)
        event = services.life_event_record(acting_user=officer, client=north_client,
                                           kind=LifeEventKind.MOVING_INTO_CARE, happened_on=TODAY)
        items = CHECKLISTS[LifeEventKind.MOVING_INTO_CARE]
        assert event.checklist.count() == len(items)
        property_task = event.checklist.get(item="property").task
        assert property_task.assigned_to == property_leader and "secure the home" in property_task.title
        assert can(property_leader, "people.work_client", north_client)
        benefits = event.checklist.get(item="benefits").task
        assert benefits.assigned_to == officer and "Shropshire 23 007 164" in benefits.details
        assert services.life_event_progress(event) == (0, len(items))
        again = services.life_event_record(acting_user=officer, client=north_client,
                                           kind=LifeEventKind.MOVING_INTO_CARE, happened_on=TODAY)
        assert again == event and Task.objects.count() == len(items)

    def test_a_property_leader_not_holding_the_client_is_not_given_it_the_officer_refers_instead(
            self, officer, north_client, property_leader):
        from core.rules import can

        assert not can(property_leader, "people.work_client", north_client)
        event = services.life_event_record(acting_user=officer, client=north_client,
                                           kind=LifeEventKind.MOVING_INTO_CARE, happened_on=TODAY)
        task = event.checklist.get(item="property").task
        assert task.assigned_to == officer
        assert task.title == f"{north_client.display_name}: {services.REFER_TO_PROPERTY_TEAM}"
        assert "property team leader" in task.details and "secure the home" in task.details
        assert not Task.objects.filter(assigned_to=property_leader).exists()

    def test_without_any_property_team_the_officer_is_asked_to_refer(self, officer, north_client):
        event = services.life_event_record(acting_user=officer, client=north_client,
                                           kind=LifeEventKind.MOVING_INTO_CARE, happened_on=TODAY)
        assert event.checklist.get(item="property").task.assigned_to == officer

    def test_a_future_date_or_unknown_event_is_refused(self, officer, north_client, property_leader):
        for kind, day in ((LifeEventKind.MOVING_INTO_CARE, TODAY + dt.timedelta(days=1)), ("wedding", TODAY)):
            with pytest.raises(ApplicationError):
                services.life_event_record(acting_user=officer, client=north_client, kind=kind, happened_on=day)
        assert not LifeEvent.objects.exists()


@pytest.mark.django_db
class TestDailyJob:
    def test_review_and_tax_tasks_are_given_once(self, officer, north_client):
        investment = services.investment_record(
            acting_user=officer, client=north_client, kind=InvestmentKind.PREMIUM_BONDS, provider="NS&I",
            value=Decimal("5000.00"), valued_on=TODAY - dt.timedelta(days=300), review_on=TODAY + dt.timedelta(days=10))
        later = services.investment_record(
            acting_user=officer, client=north_client, kind=InvestmentKind.SAVINGS, provider="Nationwide",
            value=Decimal("100.00"), valued_on=TODAY, review_on=TODAY + dt.timedelta(days=50))
        tax_return = services.tax_return_record(acting_user=officer, client=north_client, year_ending=TODAY.year,
                                                reason="Rental income")
        assert tax_return.due_on == dt.date(TODAY.year + 1, 1, 31)
        result = lifeevents_daily(dt.date(TODAY.year + 1, 1, 1).isoformat())
        assert result["investment_reviews"] == 2 and result["tax_returns"] == 1
        investment.refresh_from_db()
        tax_return.refresh_from_db()
        assert investment.review_task.due_date == investment.review_on
        assert tax_return.task.due_date == tax_return.due_on and "31 January" in tax_return.task.title
        count = Task.objects.count()
        assert lifeevents_daily(dt.date(TODAY.year + 1, 1, 1).isoformat())["attempts"] == 1
        assert services.lifeevents_daily_run(on=dt.date(TODAY.year + 1, 1, 2)) == {
            "investment_reviews": 0, "tax_returns": 0}
        assert Task.objects.count() == count
        later.refresh_from_db()
        assert later.review_task is not None

    def test_nothing_before_the_notice_period(self, officer, north_client):
        services.investment_record(acting_user=officer, client=north_client, kind=InvestmentKind.SHARES,
                                   provider="Vanguard", value=Decimal("1.00"), valued_on=TODAY,
                                   review_on=TODAY + dt.timedelta(days=services.INVESTMENT_REVIEW_NOTICE_DAYS + 1))
        assert services.lifeevents_daily_run(on=TODAY)["investment_reviews"] == 0

    def test_a_review_sets_the_next_date_and_the_next_task_comes_later(self, officer, north_client):
        investment = services.investment_record(
            acting_user=officer, client=north_client, kind=InvestmentKind.SAVINGS, provider="Bank", value="10.00",
            valued_on=TODAY, review_on=TODAY)
        services.lifeevents_daily_run(on=TODAY)
        investment = services.investment_review_record(acting_user=officer, investment=investment, value="12.00",
                                                       valued_on=TODAY, next_review_on=TODAY + dt.timedelta(days=365))
        assert investment.review_task is None
        with pytest.raises(ApplicationError, match="after this one"):
            services.investment_review_record(acting_user=officer, investment=investment, value="12.00",
                                              valued_on=TODAY, next_review_on=TODAY)

    def test_a_bad_tax_year_is_refused(self, officer, north_client):
        with pytest.raises(ApplicationError, match="year the tax year ends"):
            services.tax_return_record(acting_user=officer, client=north_client, year_ending=26, reason="x")
        assert not TaxReturn.objects.exists()


@pytest.mark.django_db
class TestFuneralPlan:
    def test_flagged_when_capital_reaches_the_threshold_until_decided(self, officer, north_client, fund):
        fund(north_client, "6000.00")
        assert not services.funeral_plan_flagged(north_client)  # no threshold set: no flag
        with override_settings(DEPUTYSHIP_FUNERAL_PLAN_CAPITAL_THRESHOLD="6000.00"):
            assert services.funeral_plan_flagged(north_client)
            with pytest.raises(ApplicationError, match="note"):
                services.funeral_plan_decide(acting_user=officer, client=north_client,
                                             outcome=FuneralPlanOutcome.NOT_SUITABLE, decided_on=TODAY)
            assert services.funeral_plan_flagged(north_client)
            services.funeral_plan_decide(acting_user=officer, client=north_client,
                                         outcome=FuneralPlanOutcome.ALREADY_HAS_PLAN, decided_on=TODAY)
            assert not services.funeral_plan_flagged(north_client)
        with override_settings(DEPUTYSHIP_FUNERAL_PLAN_CAPITAL_THRESHOLD="6000.01"):
            assert not services.funeral_plan_flagged(north_client)


@pytest.mark.django_db
class TestDebtsAndBenefits:
    def test_a_debt_with_its_arrangement(self, officer, north_client):
        debt = services.client_debt_record(acting_user=officer, client=north_client, creditor="Council Tax",
                                           balance="420.00", priority=True, recorded_on=TODAY,
                                           arrangement="£20 a month agreed", monthly_payment="20.00")
        assert debt.priority and debt.monthly_payment == Decimal("20.00")

    @pytest.mark.parametrize("bad, message", [
        ({"balance": "-1"}, "below"), ({"monthly_payment": "20.00"}, "arrangement"),
        ({"creditor": ""}, "creditor"), ({"balance": 1.5}, "float"),
    ])
    def test_a_bad_debt_changes_nothing(self, officer, north_client, bad, message):
        fields = {"creditor": "Bank", "balance": "100.00", "priority": False, "recorded_on": TODAY, **bad}
        with pytest.raises(ApplicationError, match=message):
            services.client_debt_record(acting_user=officer, client=north_client, **fields)
        assert not ClientDebt.objects.exists()

    def test_benefit_check_outcomes_and_gains_agree(self, officer, north_client):
        check = services.benefit_check_record(acting_user=officer, client=north_client, checked_on=TODAY,
                                              benefit="Attendance Allowance", outcome=BenefitOutcome.AWARDED,
                                              weekly_gain="73.90")
        assert check.weekly_gain == Decimal("73.90")
        for outcome, gain in ((BenefitOutcome.AWARDED, "0"), (BenefitOutcome.NO_CHANGE, "5.00"),
                              (BenefitOutcome.REDUCED, "1.00")):
            with pytest.raises(ApplicationError):
                services.benefit_check_record(acting_user=officer, client=north_client, checked_on=TODAY,
                                              benefit="PIP", outcome=outcome, weekly_gain=gain)
        assert BenefitCheck.objects.count() == 1


@pytest.mark.django_db
class TestCherishedDocuments:
    def test_kept_moved_and_returned_to_the_issuing_body(self, officer, north_client):
        passport = services.cherished_document_record(
            acting_user=officer, client=north_client, kind=DocumentKind.PASSPORT, description="UK passport",
            location="Safe, shelf 2", received_on=TODAY - dt.timedelta(days=30))
        passport = services.cherished_document_move(acting_user=officer, document=passport, location="Safe, shelf 3")
        with pytest.raises(ApplicationError, match="before the council received it"):
            services.cherished_document_return(acting_user=officer, document=passport,
                                               returned_on=TODAY - dt.timedelta(days=31), returned_to="HMPO")
        passport = services.cherished_document_return(acting_user=officer, document=passport, returned_on=TODAY,
                                                      returned_to="HM Passport Office")
        assert passport.returned_to == "HM Passport Office" and passport.location == "Safe, shelf 3"
        with pytest.raises(ApplicationError, match="already been returned"):
            services.cherished_document_return(acting_user=officer, document=passport, returned_on=TODAY,
                                               returned_to="HMPO")
        with pytest.raises(ApplicationError, match="no longer holds"):
            services.cherished_document_move(acting_user=officer, document=passport, location="Elsewhere")

    def test_the_database_needs_whom_it_was_returned_to(self, officer, north_client):
        will = services.cherished_document_record(acting_user=officer, client=north_client, kind=DocumentKind.WILL,
                                                  description="Will", location="Solicitor", received_on=TODAY)
        will.returned_on = TODAY
        with pytest.raises(IntegrityError, match="cherished_document_return_recorded"), transaction.atomic():
            will.save()

    def test_bad_input_changes_nothing(self, officer, north_client, other_officer):
        with pytest.raises(ApplicationError):
            services.cherished_document_record(acting_user=officer, client=north_client, kind="diary",
                                               description="x", location="y", received_on=TODAY)
        with pytest.raises(ApplicationError):
            services.cherished_document_record(acting_user=other_officer, client=north_client,
                                               kind=DocumentKind.DEEDS, description="x", location="y",
                                               received_on=TODAY)
        assert not CherishedDocument.objects.exists()
