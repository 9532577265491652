"""Mandates and the daily direct debit run: AUDDIS lodgement, advance notice in working days, the
Standard 18 collection file (read back independently), payments on the collection date, exactly once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.test import override_settings

from core.exceptions import PermissionDeniedError
from debt_recovery.directdebits import services
from debt_recovery.directdebits.choices import AuddisState, BacsFileKind, CollectionStatus, MandateStatus
from debt_recovery.directdebits.models import BacsFile, Collection, Mandate, MandateInstruction
from debt_recovery.directdebits.services import MandateError, collection_run, mandate_cancel
from debt_recovery.directdebits.workingdays import is_working_day, working_days_between
from debt_recovery.payments.models import Payment
from documents.models import Document
from ledger.models import Posting
from tests.debt_recovery.directdebits.bacs_reader import read, totals
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

MON = dt.date(2026, 12, 7)  # a Monday


@pytest.fixture(autouse=True)
def after_the_runs():
    """The runs below are replayed over December 2026: "today" is after them, so no payment is in the future."""
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2027, 3, 1)):
        yield


def _balance(account):
    return sum(Posting.objects.filter(account=account).values_list("amount", flat=True), Decimal("0"))


def test_a_mandate_is_recorded_pending_lodgement_with_the_guarantee_on_its_confirmation(make_mandate):
    mandate = make_mandate()
    assert (mandate.sort_code, mandate.account_number) == ("309457", "31926819")
    assert mandate.status == MandateStatus.PENDING_LODGEMENT and mandate.auddis_state == AuddisState.NEW_DUE
    assert mandate.reference == f"{mandate.debtor.reference}-01"
    letter = Document.objects.get(pk=mandate.confirmation_id)
    assert letter.kind == "debt_recovery.dd_confirmation"
    guarantee = letter.data["guarantee"]
    assert guarantee[0] == ("The Guarantee is offered by all banks and building societies that accept instructions "
                            "to pay Direct Debits")
    assert "10 working days in advance of your account being debited" in guarantee[1]
    assert letter.data["mandate"]["account"] == "****6819"
    assert mandate.history.first().history_change_reason


@pytest.mark.parametrize("field, value", [
    ("sort_code", "30-94-5"), ("sort_code", "ab-cd-ef"), ("account_number", "12345"),
    ("account_number", "1234567890"), ("payer_name", " "), ("regular_amount", Decimal("0")),
    ("regular_amount", Decimal("10.005")), ("reference", "ab"), ("signed_on", dt.date(2099, 1, 1)),
    ("frequency", "weekly"),
])
def test_bad_details_are_refused_with_a_message_and_nothing_is_written(make_mandate, field, value):
    with pytest.raises(MandateError) as refused:
        make_mandate(**{field: value})
    assert field in refused.value.extra
    assert not Mandate.objects.exists() and not Document.objects.exists()


def test_a_sort_code_and_account_number_that_fail_the_modulus_check_are_refused(make_mandate):
    """30-94-57 with 12345678 is well formed but is not a real account by Pay.UK's modulus check."""
    with pytest.raises(MandateError) as refused:
        make_mandate(account_number="12345678")
    assert refused.value.extra["account_number"] == ["The sort code and account number do not match: check them "
                                                     "with the payer."]
    assert not Mandate.objects.exists()


def test_the_bacs_reference_is_unique_under_the_service_user_number(make_mandate, debtor, debt_officer,
                                                                   debtor_client):
    from debt_recovery.services import debtor_account_open
    from tests.factories import ContactFactory, ClientContactFactory

    make_mandate(reference="NORTH-0001")
    link = ClientContactFactory(client=debtor_client, contact=ContactFactory(name="Ann Payer"))
    other = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="topup_payer", contact=link,
                                reason="Top-up")
    with pytest.raises(MandateError) as refused:
        make_mandate(debtor=other, reference="north-0001")
    assert "reference" in refused.value.extra
    assert Mandate.objects.count() == 1


def test_one_direct_debit_in_force_per_debtor(make_mandate):
    make_mandate()
    with pytest.raises(MandateError, match="already has a direct debit"):
        make_mandate()


def test_only_the_team_holding_the_case_sets_one_up(make_mandate, debtor, db):
    from debt_recovery.directdebits.services import mandate_create

    with pytest.raises(PermissionDeniedError):
        mandate_create(acting_user=UserFactory(), debtor=debtor, payer_name="X", sort_code="309457",
                       account_number="31926819", frequency="monthly", amount_basis="balance", regular_amount=None,
                       signed_on=MON, first_collection_on=MON)


def test_the_run_lodges_new_instructions_in_an_auddis_file_and_the_mandate_goes_live(make_mandate):
    mandate = make_mandate()
    collection_run(on=MON)
    auddis = BacsFile.objects.get(kind=BacsFileKind.AUDDIS)
    rows = read(auddis.content)
    assert [(r["code"], r["reference"].rstrip(), r["dest_sort"], r["dest_account"]) for r in rows] == [
        ("0N", mandate.reference, "309457", "31926819")]
    assert rows[0]["processing_day"] == auddis.processing_date == dt.date(2026, 12, 8)
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.LIVE and mandate.auddis_state == AuddisState.NEW_LODGED
    assert MandateInstruction.objects.get(mandate=mandate).code == "0N"


def test_the_first_collection_gets_ten_working_days_notice_and_avoids_christmas(make_mandate):
    # Set up on Friday 11 December 2026, first collection from 14 December: ten working days from the run
    # on the 11th is 29 December (25 and 28 December are bank holidays).
    mandate = make_mandate(first_collection_on=dt.date(2026, 12, 14), frequency="monthly")
    run_day = dt.date(2026, 12, 11)
    collection_run(on=run_day)
    collection = Collection.objects.get(mandate=mandate)
    assert collection.transaction_code == "17" and collection.amount == Decimal("85.40")
    assert is_working_day(collection.due_on)
    assert working_days_between(run_day, collection.due_on) >= 10
    # monthly on the 14th: 14 January 2027 is the first date at least ten working days away
    assert collection.due_on == dt.date(2027, 1, 14)
    notice = Document.objects.get(pk=collection.notice_id)
    assert notice.kind == "debt_recovery.dd_advance_notice"
    assert notice.data["amount"] == "£85.40" and notice.data["due_on"] == "14 January 2027"


def _run_through(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        collection_run(on=day)
        day += dt.timedelta(days=1)


def test_a_collection_goes_in_the_bacs_file_two_working_days_ahead_and_is_paid_on_its_date(make_mandate, debtor,
                                                                                         ledger):
    ledger.charge(debtor.ledger_account, "200.00", dt.date(2026, 11, 1))
    mandate = make_mandate(first_collection_on=dt.date(2026, 12, 21))
    _run_through(MON, dt.date(2026, 12, 17))
    collection = Collection.objects.get(mandate=mandate)
    assert collection.due_on == dt.date(2026, 12, 21) and collection.status == CollectionStatus.SUBMITTED
    bacs_file = collection.bacs_file
    assert bacs_file.processing_date == dt.date(2026, 12, 18)  # input 17th, processing 18th, entry 21st
    rows = read(bacs_file.content)
    t = totals(rows)
    assert (t["debits"], t["debit_total"], t["contra_total"]) == (1, Decimal("85.40"), Decimal("85.40"))
    assert (bacs_file.record_count, bacs_file.total) == (1, Decimal("85.40"))
    assert rows[0]["code"] == "17" and rows[0]["reference"].rstrip() == mandate.reference
    assert Payment.objects.count() == 0  # not before the money leaves the payer's account

    _run_through(dt.date(2026, 12, 18), dt.date(2026, 12, 21))
    collection.refresh_from_db()
    assert collection.status == CollectionStatus.COLLECTED
    payment = collection.payment
    assert (payment.amount, payment.method, payment.received_on) == (Decimal("85.40"), "direct_debit",
                                                                      dt.date(2026, 12, 21))
    assert _balance(debtor.ledger_account) == Decimal("114.60")
    # the next one is a regular collection (01), four weeks on, with its own notice
    following = Collection.objects.exclude(pk=collection.pk).get(mandate=mandate)
    assert following.transaction_code == "01" and following.due_on == dt.date(2027, 1, 18)


def test_collecting_the_balance_takes_what_is_owed_when_the_notice_goes(make_mandate, debtor, ledger):
    ledger.charge(debtor.ledger_account, "312.16", dt.date(2026, 11, 1))
    mandate = make_mandate(amount_basis="balance", regular_amount=None)
    collection_run(on=MON)
    assert Collection.objects.get(mandate=mandate).amount == Decimal("312.16")


def test_running_the_same_day_again_changes_nothing(make_mandate):
    make_mandate(first_collection_on=dt.date(2026, 12, 21))
    _run_through(MON, dt.date(2026, 12, 17))
    before = (BacsFile.objects.count(), Collection.objects.count(), Document.objects.count(),
              list(Collection.objects.values_list("status", flat=True)))
    collection_run(on=dt.date(2026, 12, 17))
    after = (BacsFile.objects.count(), Collection.objects.count(), Document.objects.count(),
             list(Collection.objects.values_list("status", flat=True)))
    assert before == after


def test_a_run_that_crashes_keeps_nothing_and_the_rerun_does_it_once(make_mandate, debtor, ledger):
    ledger.charge(debtor.ledger_account, "200.00", dt.date(2026, 11, 1))
    make_mandate(first_collection_on=dt.date(2026, 12, 21))
    _run_through(MON, dt.date(2026, 12, 20))
    with mock.patch("debt_recovery.payments.services.payment_record", side_effect=RuntimeError("lost")):
        with pytest.raises(RuntimeError):
            collection_run(on=dt.date(2026, 12, 21))
    assert Payment.objects.count() == 0
    assert Collection.objects.filter(status=CollectionStatus.SUBMITTED).count() == 1
    collection_run(on=dt.date(2026, 12, 21))
    collection_run(on=dt.date(2026, 12, 21))
    assert Payment.objects.count() == 1
    assert _balance(debtor.ledger_account) == Decimal("114.60")


def test_the_daily_task_runs_once_per_day(make_mandate):
    from core.models import JobRun
    from debt_recovery.directdebits.tasks import direct_debits_daily

    make_mandate()
    first = direct_debits_daily(MON.isoformat())
    second = direct_debits_daily(MON.isoformat())
    assert first["status"] == second["status"] == "succeeded" and first["instructions"] == 1
    assert JobRun.objects.get(job="direct-debits", period=MON.isoformat()).attempts == 1
    assert BacsFile.objects.count() == 1


def test_cancelling_a_live_mandate_lodges_0C_and_cancels_what_is_not_yet_sent(make_mandate, debt_officer):
    mandate = make_mandate()
    collection_run(on=MON)
    assert Collection.objects.filter(mandate=mandate, status=CollectionStatus.SCHEDULED).count() == 1
    mandate_cancel(acting_user=debt_officer, mandate=mandate, reason="Payer moving to a payment card")
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.CANCELLED and mandate.auddis_state == AuddisState.CANCEL_DUE
    assert not Collection.objects.filter(mandate=mandate, status=CollectionStatus.SCHEDULED).exists()
    collection_run(on=dt.date(2026, 12, 8))
    rows = read(BacsFile.objects.get(kind=BacsFileKind.AUDDIS, processing_date=dt.date(2026, 12, 9)).content)
    assert [(r["code"], r["reference"].rstrip()) for r in rows] == [("0C", mandate.reference)]


def test_cancelling_before_lodgement_sends_nothing(make_mandate, debt_officer):
    mandate = make_mandate()
    mandate_cancel(acting_user=debt_officer, mandate=mandate, reason="Entered in error")
    collection_run(on=MON)
    mandate.refresh_from_db()
    assert mandate.auddis_state == AuddisState.NOT_NEEDED and not BacsFile.objects.exists()


def test_a_converted_paper_instruction_is_lodged_as_0S(make_mandate):
    make_mandate(origin="converted")
    collection_run(on=MON)
    assert read(BacsFile.objects.get().content)[0]["code"] == "0S"


@override_settings(DIRECT_DEBITS={"SERVICE_USER_NUMBER": "424242", "SERVICE_USER_NAME": "WESTSHIRE CC",
                                  "SORT_CODE": "401234", "ACCOUNT_NUMBER": "87654321", "NOTICE_WORKING_DAYS": 10})
def test_the_files_carry_the_councils_configured_bank_details(make_mandate):
    mandate = make_mandate()
    collection_run(on=MON)
    row = read(BacsFile.objects.get().content)[0]
    assert (row["orig_sort"], row["orig_account"], row["user_name"].rstrip()) == ("401234", "87654321",
                                                                                  "WESTSHIRE CC")
    assert mandate.service_user_number == "424242"


def test_no_bacs_file_on_a_weekend(make_mandate):
    make_mandate()
    collection_run(on=dt.date(2026, 12, 12))
    assert not BacsFile.objects.exists()
    assert services.Mandate.objects.get().status == MandateStatus.PENDING_LODGEMENT


def test_an_unpaid_collection_is_presented_again_as_18_after_five_working_days_notice(make_mandate, debtor, ledger,
                                                                                     debt_officer):
    from core.history import save_attributed
    from debt_recovery.directdebits.services import collection_represent

    ledger.charge(debtor.ledger_account, "200.00", dt.date(2026, 11, 1))
    mandate = make_mandate(first_collection_on=dt.date(2026, 12, 21))
    _run_through(MON, dt.date(2026, 12, 21))
    first = Collection.objects.get(mandate=mandate, due_on=dt.date(2026, 12, 21))
    with pytest.raises(MandateError, match="Only an unpaid"):
        collection_represent(acting_user=debt_officer, collection=first, on=dt.date(2026, 12, 23))
    first.status = CollectionStatus.UNPAID  # as the ARUDD import leaves it
    save_attributed(first, user=debt_officer, reason="ARUDD 0: refer to payer")
    again = collection_represent(acting_user=debt_officer, collection=first, on=dt.date(2026, 12, 23))
    assert (again.transaction_code, again.represents, again.amount) == ("18", first, Decimal("85.40"))
    assert again.due_on == dt.date(2027, 1, 4)  # 24, 29, 30, 31 December, 4 January
    assert Document.objects.get(pk=again.notice_id).data["due_on"] == "4 January 2027"
    with pytest.raises(MandateError, match="already"):
        collection_represent(acting_user=debt_officer, collection=first, on=dt.date(2026, 12, 23))
    _run_through(dt.date(2026, 12, 22), dt.date(2026, 12, 31))
    again.refresh_from_db()
    assert again.status == CollectionStatus.SUBMITTED
    assert read(again.bacs_file.content)[0]["code"] == "18"
