"""The legal charge: requested from legal services as a task, the title number's format checked, the
registration confirmed (deferral allowed from then) or an interim arrangement approved by a team leader;
and the yearly insurance checks, once each."""

import datetime as dt

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from core.jobs import job_run
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.charges.models import InsuranceCheck
from deferred_payments.charges.services import (
    charge_confirm,
    charge_register,
    charge_request,
    insurance_checks_run,
    interim_approve,
)
from people.models import Task
from people.selectors import today
from tests.deferred_payments.case_fixtures import apply, to_active, to_approved


@pytest.fixture
def approved(dpa_officer, dpa_leader, dpa_client, dpa_home, dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    return to_approved(officer=dpa_officer, leader=dpa_leader, application=application)


def test_the_request_is_a_task_for_legal_services(dpa_officer, dpa_leader, approved):
    charge = charge_request(acting_user=dpa_officer, agreement=approved)
    assert charge.request_task.assigned_to == dpa_leader  # no legal contact named in the policy
    assert "Register the legal charge" in charge.request_task.title
    with pytest.raises(ApplicationError):
        charge_request(acting_user=dpa_officer, agreement=approved)


@pytest.mark.parametrize("number", ["123456", "NYK", "NYK-123456", "ABCD12345", "NYK1234567", ""])
def test_a_title_number_not_letters_then_digits_is_refused(dpa_officer, approved, number):
    charge = charge_request(acting_user=dpa_officer, agreement=approved)
    with pytest.raises(ApplicationError) as refused:
        charge_register(acting_user=dpa_officer, charge=charge, title_number=number, registered_on=today())
    assert "title_number" in refused.value.extra
    charge.refresh_from_db()
    assert charge.title_number == "" and charge.registered_on is None


@pytest.mark.parametrize("number", ["NYK123456", "nyk 123456", "P7073", "MS123456"])
def test_title_numbers_as_hm_land_registry_issues_them(dpa_officer, approved, number):
    charge = charge_request(acting_user=dpa_officer, agreement=approved)
    charge = charge_register(acting_user=dpa_officer, charge=charge, title_number=number, registered_on=today())
    assert charge.title_number == number.replace(" ", "").upper()


def test_registration_dated_before_the_request_or_in_the_future_is_refused(dpa_officer, approved):
    charge = charge_request(acting_user=dpa_officer, agreement=approved)
    for day in (today() - dt.timedelta(days=1), today() + dt.timedelta(days=1)):
        with pytest.raises(ApplicationError):
            charge_register(acting_user=dpa_officer, charge=charge, title_number="NYK1", registered_on=day)


def test_confirmation_needs_the_registration_and_makes_the_agreement_active(dpa_officer, approved):
    charge = charge_request(acting_user=dpa_officer, agreement=approved)
    with pytest.raises(ApplicationError, match="title number"):
        charge_confirm(acting_user=dpa_officer, charge=charge)
    charge_register(acting_user=dpa_officer, charge=charge, title_number="NYK123456", registered_on=today())
    charge_confirm(acting_user=dpa_officer, charge=charge)
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.ACTIVE and approved.deferral_allowed_from == today()


def test_an_interim_arrangement_is_a_team_leaders_decision(dpa_officer, dpa_leader, approved):
    charge = charge_request(acting_user=dpa_officer, agreement=approved)
    with pytest.raises(PermissionDeniedError):
        interim_approve(acting_user=dpa_officer, charge=charge, note="Sale of shares pending")
    with pytest.raises(ApplicationError):
        interim_approve(acting_user=dpa_leader, charge=charge, note="")
    interim_approve(acting_user=dpa_leader, charge=charge, note="Care home fees due; Land Registry backlog")
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.ACTIVE and approved.deferral_allowed_from == today()


def test_yearly_insurance_checks_once_per_agreement_per_year(dpa_officer, dpa_leader, dpa_client, dpa_home,
                                                            dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    agreement = to_active(officer=dpa_officer, leader=dpa_leader, application=application)
    first = job_run(job="dpa-insurance-checks", period="2026",
                    work=lambda run: insurance_checks_run(year=2026, on=today()))
    assert first.summary["tasks_created"] == 1
    check = InsuranceCheck.objects.get(agreement=agreement, year=2026)
    assert check.task.assigned_to == dpa_officer and "insured" in check.task.title
    # The job again: nothing more. The work again (as after a crash): nothing more either.
    job_run(job="dpa-insurance-checks", period="2026", work=lambda run: insurance_checks_run(year=2026, on=today()))
    assert insurance_checks_run(year=2026, on=today())["tasks_created"] == 0
    assert Task.objects.filter(title__contains="insured").count() == 1
    # Next year, another.
    assert insurance_checks_run(year=2027, on=today())["tasks_created"] == 1
