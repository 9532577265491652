"""The agreement: offered on the council's terms (copied, with its document), signed by each party,
approved by someone other than the preparer, and deferral refused until the charge is confirmed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.models import Agreement, AgreementPolicy, WeeklyDeferral
from deferred_payments.agreements.services import (
    agreement_approve,
    agreement_offer,
    policy_record,
    signature_record,
    weekly_deferral_record,
)
from documents.choices import DocumentKind
from people.selectors import today
from tests.deferred_payments.case_fixtures import apply, to_active, to_approved

D = Decimal


@pytest.fixture
def application(dpa_officer, dpa_client, dpa_home, dpa_policy):
    return apply(officer=dpa_officer, client=dpa_client, home=dpa_home)


def test_offering_copies_the_policy_in_force_and_generates_the_document(dpa_officer, dpa_leader, application):
    agreement = agreement_offer(acting_user=dpa_officer, agreement=application.agreement)
    assert agreement.status == AgreementStatus.OFFERED
    assert (agreement.rate_kind, agreement.fixed_rate, agreement.compounding) == ("fixed", D("4.25"), "daily")
    assert agreement.fees["setup_fee"] == "743.10" and agreement.fees["annual_fee"] == "281.90"
    assert agreement.document.kind == DocumentKind.DPA_AGREEMENT
    assert agreement.document.data["agreement"]["equity_limit"] == "£165,750.00"
    # A later policy does not change an agreement already offered.
    policy_record(acting_user=dpa_leader, effective_from=today(), rate_kind="national_maximum",
                  compounding="monthly")
    agreement.refresh_from_db()
    assert agreement.compounding == "daily"


def test_the_agreement_document_renders_to_a_pdf(dpa_officer, application):
    from documents.services import document_render

    agreement = agreement_offer(acting_user=dpa_officer, agreement=application.agreement)
    document = document_render(document_id=agreement.document.pk)
    assert document.status == "ready" and document.size > 1000


def test_an_ineligible_person_is_not_offered_one(dpa_officer, dpa_client, dpa_home, dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home, first_charge_possible=False)
    with pytest.raises(ApplicationError, match="first legal charge"):
        agreement_offer(acting_user=dpa_officer, agreement=application.agreement)
    assert Agreement.objects.get().status == AgreementStatus.APPLIED


def test_signed_by_every_party_then_approved_by_another(dpa_officer, dpa_leader, application):
    agreement = to_approved(officer=dpa_officer, leader=dpa_leader, application=application)
    assert agreement.status == AgreementStatus.APPROVED
    assert agreement.approved_by == dpa_leader and agreement.starts_on == today()
    assert agreement.debt_account is not None
    assert agreement.signatures.count() == 2


def test_the_care_home_must_sign_where_it_is_a_party(dpa_officer, application):
    application.care_home_name = "Meadowbank Care Home"
    application.save()
    agreement = agreement_offer(acting_user=dpa_officer, agreement=application.agreement)
    for party in ("council", "person"):
        signature_record(acting_user=dpa_officer, agreement=agreement, party=party, name="A Person",
                         capacity="Signatory", signed_on=today())
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.OFFERED
    signature_record(acting_user=dpa_officer, agreement=agreement, party="care_home", name="B Manager",
                     capacity="Home manager", signed_on=today())
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_a_signature_in_the_future_or_twice_is_refused(dpa_officer, application):
    agreement = agreement_offer(acting_user=dpa_officer, agreement=application.agreement)
    with pytest.raises(ApplicationError) as refused:
        signature_record(acting_user=dpa_officer, agreement=agreement, party="person", name="Edna Marsh",
                         capacity="The person", signed_on=today() + dt.timedelta(days=1))
    assert "signed_on" in refused.value.extra
    signature_record(acting_user=dpa_officer, agreement=agreement, party="person", name="Edna Marsh",
                     capacity="The person", signed_on=today())
    with pytest.raises(ApplicationError, match="already signed"):
        signature_record(acting_user=dpa_officer, agreement=agreement, party="person", name="Edna Marsh",
                         capacity="The person", signed_on=today())
    assert agreement.signatures.count() == 1


def test_the_preparer_cannot_approve(dpa_officer, application):
    agreement = agreement_offer(acting_user=dpa_officer, agreement=application.agreement)
    for party in ("council", "person"):
        signature_record(acting_user=dpa_officer, agreement=agreement, party=party, name="A Person",
                         capacity="Signatory", signed_on=today())
    with pytest.raises(ApplicationError, match="someone else"):
        agreement_approve(acting_user=dpa_officer, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED and agreement.approved_by is None


def test_the_database_refuses_approval_by_the_preparer_too(dpa_officer, application):
    agreement = application.agreement
    agreement.approved_by = dpa_officer
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()


def test_deferral_is_refused_before_the_charge_is_confirmed(dpa_officer, dpa_leader, application):
    agreement = to_approved(officer=dpa_officer, leader=dpa_leader, application=application)
    with pytest.raises(ApplicationError, match="legal charge") as refused:
        weekly_deferral_record(acting_user=dpa_officer, agreement=agreement, effective_from=today(),
                               amount="650.00", source="Assessment of 1 March")
    assert refused.value.code == "charge_not_confirmed"
    assert not WeeklyDeferral.objects.exists()


def test_deferral_runs_from_the_charge_confirmation(dpa_officer, dpa_leader, application):
    agreement = to_active(officer=dpa_officer, leader=dpa_leader, application=application)
    assert agreement.status == AgreementStatus.ACTIVE and agreement.deferral_allowed_from == today()
    with pytest.raises(ApplicationError):
        weekly_deferral_record(acting_user=dpa_officer, agreement=agreement,
                               effective_from=today() - dt.timedelta(days=1), amount="650", source="Assessment")
    deferral = weekly_deferral_record(acting_user=dpa_officer, agreement=agreement, effective_from=today(),
                                      amount="650.00", source="Assessment of 1 March")
    assert deferral.amount == D("650.00")


def test_without_an_assessment_the_amount_and_its_source_are_asked_for(dpa_officer, dpa_leader, application):
    agreement = to_active(officer=dpa_officer, leader=dpa_leader, application=application)
    with pytest.raises(ApplicationError, match="No approved care home financial assessment"):
        weekly_deferral_record(acting_user=dpa_officer, agreement=agreement, effective_from=today())
    with pytest.raises(ApplicationError, match="where the amount comes from"):
        weekly_deferral_record(acting_user=dpa_officer, agreement=agreement, effective_from=today(), amount="10")


def test_only_a_team_leader_records_the_policy(dpa_officer):
    from core.exceptions import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        policy_record(acting_user=dpa_officer, effective_from=today())
    assert not AgreementPolicy.objects.exists()
