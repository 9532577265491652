"""Opening and changing debtor accounts: who may, what is refused, and the history with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, PermissionDeniedError
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.services import debtor_account_open, debtor_account_update
from ledger.choices import OwnerKind, Purpose
from people import services as people_services
from people.choices import Relationship
from tests.factories import ContactFactory


@pytest.fixture
def son(debtor_client, debt_officer):
    contact = ContactFactory(name="Tracey Haworth")
    return people_services.client_contact_link(acting_user=debt_officer, client=debtor_client, contact=contact,
                                               relationship=Relationship.RELATIVE, description="Daughter")


@pytest.mark.django_db
def test_the_person_owes_through_their_own_care_charge_account(debtor_client, debt_officer):
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person",
                                 reason="Care charges invoiced")
    assert debtor.reference == f"D{debtor.pk:06d}"
    assert debtor.name == "Mr Norman Haworth" or debtor.name.endswith("Norman Haworth")
    account = debtor.ledger_account
    assert (account.client_id, account.purpose, account.owner_kind) == (
        debtor_client.pk, Purpose.CARE_CHARGE_RECEIVABLE, OwnerKind.CLIENT)
    record = debtor.history.get()
    assert (record.history_user, record.history_change_reason) == (debt_officer, "Care charges invoiced")
    assert not debtor.late_payment_interest_applies


@pytest.mark.django_db
def test_a_person_has_one_account_for_their_care_charges(debtor_client, debt_officer):
    debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
    with pytest.raises(ApplicationError) as refused:
        debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Again")
    assert "kind" in refused.value.extra
    assert DebtorAccount.objects.filter(client=debtor_client).count() == 1


@pytest.mark.django_db
def test_a_top_up_payer_owes_through_a_receivable_of_their_own(debtor_client, debt_officer, son):
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="topup_payer", contact=son,
                                 letters_to="contact", reason="Signed the top-up agreement")
    assert debtor.name == "Tracey Haworth"
    account = debtor.ledger_account
    assert (account.client_id, account.owner_kind, account.owner_reference) == (None, OwnerKind.DEBTOR, debtor.reference)


@pytest.mark.django_db
def test_late_payment_interest_is_only_for_commercial_types(debtor_client, debt_officer):
    business = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="commercial",
                                   name="Brookside Care Ltd", customer_type="commercial",
                                   reason="Care home owes the council for respite placements")
    assert business.late_payment_interest_applies
    with pytest.raises(ApplicationError) as refused:
        debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", customer_type="commercial",
                            reason="Invoiced")
    assert "customer_type" in refused.value.extra
    # The database holds the rule too.
    person = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
    with pytest.raises(IntegrityError), transaction.atomic():
        DebtorAccount.objects.filter(pk=person.pk).update(customer_type="commercial")


@pytest.mark.django_db
def test_a_representative_must_be_on_the_clients_record(debtor_client, debt_officer, charging_client):
    from tests.factories import ClientContactFactory

    stranger = ClientContactFactory(client=charging_client, relationship=Relationship.ATTORNEY)
    with pytest.raises(ApplicationError) as refused:
        debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="representative", contact=stranger,
                            reason="Attorney pays")
    assert "contact" in refused.value.extra


@pytest.mark.django_db
def test_only_the_team_holding_the_case_opens_or_changes_an_account(debtor_client, debt_officer, other_officer):
    with pytest.raises(PermissionDeniedError):
        debtor_account_open(acting_user=other_officer, client=debtor_client, kind="person", reason="Invoiced")
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
    with pytest.raises(PermissionDeniedError):
        debtor_account_update(acting_user=other_officer, account=debtor, payment_method="card", reason="Phoned")


@pytest.mark.django_db
def test_changes_are_kept_with_who_and_why_and_the_debt_passes_to_the_estate(debtor_client, debt_officer, son):
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
    debtor = debtor_account_update(acting_user=debt_officer, account=debtor, payment_method="direct_debit",
                                   reason="Set up a direct debit on the phone")
    with pytest.raises(ApplicationError) as refused:
        debtor_account_update(acting_user=debt_officer, account=debtor, kind="estate", reason="Died")
    assert "kind" in refused.value.extra  # no death recorded yet
    debtor_client.date_of_death = dt.date(2026, 10, 1)
    debtor_client.save()
    before = debtor.ledger_account_id
    debtor = debtor_account_update(acting_user=debt_officer, account=debtor, kind="estate",
                                   name="The estate of Norman Haworth", contact=son, letters_to="contact",
                                   reason="Died on 1 October 2026: his daughter is the executor")
    assert debtor.ledger_account_id == before
    reasons = list(debtor.history.order_by("history_date").values_list("history_change_reason", "payment_method",
                                                                        "kind"))
    assert reasons == [("Invoiced", "not_known", "person"),
                       ("Set up a direct debit on the phone", "direct_debit", "person"),
                       ("Died on 1 October 2026: his daughter is the executor", "direct_debit", "estate")]
    with pytest.raises(ApplicationError):
        debtor_account_update(acting_user=debt_officer, account=debtor, kind="topup_payer", reason="Wrong")
