"""Applications: recording one, the equity limit under the council's formula, refusing bad input with
nothing changed, the home added to the register, and debt recovery held while the agreement is set up."""

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.applications.models import Application
from deferred_payments.applications.services import (
    application_close,
    application_eligibility,
    application_start,
    application_update,
)
from people.selectors import today
from tests.deferred_payments.case_fixtures import apply

D = Decimal


def test_application_records_the_equity_limit_under_the_councils_formula(dpa_officer, dpa_client, dpa_home,
                                                                          dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    agreement = application.agreement
    assert agreement.reference == "DPA-0001"
    assert agreement.status == AgreementStatus.APPLIED
    assert agreement.home == dpa_home
    # £200,000 less 10% less the lower capital limit £14,250 (../shared/domain/deferred_payments.md).
    assert agreement.equity_limit == D("165750.00")
    assert application_eligibility(application).eligible


def test_a_half_share_halves_the_value_before_the_formula(dpa_officer, dpa_client, dpa_home, dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home, share="50")
    # 50% of £200,000 = £100,000; 90% = £90,000; less £14,250 = £75,750.
    assert application.agreement.equity_limit == D("75750.00")


def test_a_home_worth_too_little_gives_a_nil_limit_never_negative(dpa_officer, dpa_client, dpa_home, dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home, value="15000")
    assert application.agreement.equity_limit == D("0.00")


def test_the_council_sets_its_own_percentage(dpa_officer, dpa_leader, dpa_client, dpa_home, dpa_policy):
    from deferred_payments.agreements.services import policy_record

    policy_record(acting_user=dpa_leader, effective_from=today() - dt.timedelta(days=1), percent_deducted=D("30"))
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    # 70% of £200,000 = £140,000 less £14,250.
    assert application.agreement.equity_limit == D("125750.00")


@pytest.mark.parametrize("fields, field", [
    ({"valuation_on": "future"}, "valuation_on"),
    ({"share_percent": "100.01"}, "share_percent"),
    ({"share_percent": "0"}, "share_percent"),
    ({"applied_on": "before_enquiry"}, "applied_on"),
    ({"disposable_income_allowance": "144.01"}, "disposable_income_allowance"),
    ({"valuer": ""}, "valuer"),
])
def test_bad_input_is_refused_clearly_and_changes_nothing(dpa_officer, dpa_client, dpa_home, dpa_policy, fields,
                                                          field):
    application = application_start(acting_user=dpa_officer, client=dpa_client,
                                    enquiry_on=today() - dt.timedelta(days=10))
    given = dict(home=dpa_home, applied_on=today(), share_percent="100", valuation_value="200000",
                 valuation_on=today() - dt.timedelta(days=1), valuer="J Smith", other_capital="1000",
                 disposable_income_allowance="100")
    given.update(fields)
    if given["valuation_on"] == "future":
        given["valuation_on"] = today() + dt.timedelta(days=1)
    if given["applied_on"] == "before_enquiry":
        given["applied_on"] = today() - dt.timedelta(days=11)
    with pytest.raises(ApplicationError) as refused:
        application_update(acting_user=dpa_officer, application=application, **given)
    assert field in refused.value.extra
    application.refresh_from_db()
    application.agreement.refresh_from_db()
    assert application.valuation_value is None and application.share_percent is None
    assert application.agreement.home is None and application.agreement.equity_limit is None
    assert application.agreement.status == AgreementStatus.ENQUIRY


def test_an_enquiry_cannot_be_dated_in_the_future(dpa_officer, dpa_client, dpa_policy):
    with pytest.raises(ApplicationError):
        application_start(acting_user=dpa_officer, client=dpa_client, enquiry_on=today() + dt.timedelta(days=1))
    assert not Application.objects.exists()


def test_a_second_open_application_is_refused(dpa_officer, dpa_client, dpa_policy):
    application_start(acting_user=dpa_officer, client=dpa_client, enquiry_on=today())
    with pytest.raises(ApplicationError, match="already has"):
        application_start(acting_user=dpa_officer, client=dpa_client, enquiry_on=today())


def test_another_team_cannot_start_one(dpa_client, other_officer, dpa_policy):
    with pytest.raises(PermissionDeniedError):
        application_start(acting_user=other_officer, client=dpa_client, enquiry_on=today())


def test_a_home_not_on_the_register_is_added_through_the_property_register(dpa_officer, dpa_client, dpa_policy):
    from people.choices import Service
    from tests.factories import TeamFactory, TeamMembershipFactory

    property_team = TeamFactory(name="Property", service=Service.PROPERTY)
    TeamMembershipFactory(team=property_team, user=dpa_officer)
    from people.models import Allocation

    Allocation.objects.create(client=dpa_client, team=property_team, service=Service.PROPERTY,
                              start_date=today() - dt.timedelta(days=5))
    application = application_start(acting_user=dpa_officer, client=dpa_client, enquiry_on=today())
    application_update(acting_user=dpa_officer, application=application, share_percent="50",
                       new_home={"address_line_1": "3 Church Walk", "town": "Borchester", "postcode": "qb1 2aa"})
    home = application.agreement.__class__.objects.get(pk=application.agreement.pk).home
    assert home.postcode == "QB1 2AA" and home.client_share == D("50")


def test_without_the_property_team_the_officer_is_told_to_ask_them(dpa_officer, dpa_client, dpa_policy):
    application = application_start(acting_user=dpa_officer, client=dpa_client, enquiry_on=today())
    with pytest.raises(ApplicationError, match="property team") as refused:
        application_update(acting_user=dpa_officer, application=application,
                           new_home={"address_line_1": "3 Church Walk", "town": "Borchester", "postcode": "QB1 2AA"})
    assert "home" in refused.value.extra


def test_refusing_needs_a_reason_and_ends_the_application(dpa_officer, dpa_client, dpa_home, dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home, other_capital="30000")
    assert not application_eligibility(application).eligible
    with pytest.raises(ApplicationError):
        application_close(acting_user=dpa_officer, application=application, outcome="refused", reason=" ")
    agreement = application_close(acting_user=dpa_officer, application=application, outcome="refused",
                                  reason="Capital over the upper limit")
    assert agreement.status == AgreementStatus.REFUSED


# --- debt recovery holds (Care Act 2014 s.69(2)) ------------------------------------------------------

@pytest.fixture
def debtor(dpa_client, dpa_officer):
    from debt_recovery.services import debtor_account_open
    from people.choices import Service
    from tests.factories import TeamFactory, TeamMembershipFactory

    debt_team = TeamFactory(name="Debt recovery", service=Service.DEBT_RECOVERY)
    TeamMembershipFactory(team=debt_team, user=dpa_officer)  # the officer works in both teams here
    from people.models import Allocation

    Allocation.objects.create(client=dpa_client, team=debt_team, service=Service.DEBT_RECOVERY,
                              officer=dpa_officer, start_date=today() - dt.timedelta(days=30))
    return debtor_account_open(acting_user=dpa_officer, client=dpa_client, kind="person", reason="Charges due")


def _held(debtor):
    from debt_recovery.selectors import HoldReason, holds_in_force

    return holds_in_force().filter(debtor=debtor, reason=HoldReason.DEFERRED_PAYMENT).exists()


def test_recovery_is_held_from_the_enquiry_until_the_agreement_is_active(dpa_officer, dpa_leader, dpa_client,
                                                                          dpa_home, dpa_policy, debtor):
    from tests.deferred_payments.case_fixtures import to_active, to_approved

    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    assert _held(debtor)
    to_approved(officer=dpa_officer, leader=dpa_leader, application=application)
    assert _held(debtor)
    from deferred_payments.charges.services import charge_confirm, charge_register, charge_request

    charge = charge_request(acting_user=dpa_officer, agreement=application.agreement)
    charge_register(acting_user=dpa_officer, charge=charge, title_number="NYK123456", registered_on=today())
    charge_confirm(acting_user=dpa_officer, charge=charge)
    assert not _held(debtor)
    assert to_active  # the helper the other tests use goes the same way


def test_withdrawing_releases_the_hold(dpa_officer, dpa_client, dpa_home, dpa_policy, debtor):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    assert _held(debtor)
    application_close(acting_user=dpa_officer, application=application, outcome="withdrawn",
                      reason="The family will pay the fees")
    assert not _held(debtor)


def test_an_officer_outside_debt_recovery_gives_the_recovery_officer_a_task(dpa_officer, dpa_client, dpa_home,
                                                                             dpa_policy):
    from debt_recovery.services import debtor_account_open
    from people.choices import Service
    from people.models import Allocation, Task
    from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

    debt_team = TeamFactory(name="Debt recovery", service=Service.DEBT_RECOVERY)
    dev = UserFactory(username="dev")
    TeamMembershipFactory(team=debt_team, user=dev)
    Allocation.objects.create(client=dpa_client, team=debt_team, service=Service.DEBT_RECOVERY, officer=dev,
                              start_date=today() - dt.timedelta(days=30))
    debtor = debtor_account_open(acting_user=dev, client=dpa_client, kind="person", reason="Charges due")
    apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    assert not _held(debtor)
    task = Task.objects.get(assigned_to=dev)
    assert "Hold" in task.title and debtor.reference in task.title


def test_the_hold_task_goes_to_someone_who_holds_the_client(dpa_officer, dpa_client, dpa_home, dpa_policy):
    """The client's allocated recovery officer has left the debt recovery team (so may not work the debt):
    the task to place the hold goes to the team's leader, who may, and the leader can place it."""
    from debt_recovery.services import debtor_account_open, hold_place
    from debt_recovery.selectors import HoldReason
    from core.roles import Role
    from people.choices import Service
    from people.models import Allocation, Task
    from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

    debt_team = TeamFactory(name="Debt recovery", service=Service.DEBT_RECOVERY)
    moved = UserFactory(username="moved")  # allocated, but no longer in the team
    lead = UserFactory(username="lead", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=debt_team, user=lead, is_leader=True)
    Allocation.objects.create(client=dpa_client, team=debt_team, service=Service.DEBT_RECOVERY, officer=moved,
                              start_date=today() - dt.timedelta(days=30))
    debtor = debtor_account_open(acting_user=lead, client=dpa_client, kind="person", reason="Charges due")
    apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    assert not _held(debtor)
    assert not Task.objects.filter(assigned_to=moved).exists()
    task = Task.objects.get(assigned_to=lead)
    assert debtor.reference in task.title and "s.69(2)" in task.details
    hold_place(acting_user=lead, debtor=debtor, reason=HoldReason.DEFERRED_PAYMENT,
               review_on=today() + dt.timedelta(days=30), note="As asked")
    assert _held(debtor)


def test_an_application_is_added_to_an_agreement_recorded_without_one(dpa_officer, dpa_client, dpa_home, dpa_policy):
    """An agreement recorded without an application (made before they were kept here) gets one on the first
    save of the application page; the equity limit is then worked out from it."""
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.agreements.selectors import agreement_application

    agreement = Agreement.objects.create(reference="DPA-0500", client=dpa_client, prepared_by=dpa_officer)
    unsaved = agreement_application(agreement)
    assert unsaved.pk is None
    saved = application_update(acting_user=dpa_officer, application=unsaved, home=dpa_home, applied_on=today(),
                               share_percent="100", valuation_value="200000", valuation_on=today(),
                               valuer="J Smith MRICS")
    assert saved.pk is not None and saved.recorded_by == dpa_officer
    assert agreement_application(agreement) == saved
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.APPLIED and agreement.equity_limit == D("165750.00")
    assert Application.objects.filter(agreement=agreement).count() == 1
