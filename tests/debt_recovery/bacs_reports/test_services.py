"""Importing Bacs reports: every reason code does what the domain says, bad files change nothing, and the
same file (or the same items) twice changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.exceptions import PermissionDeniedError
from debt_recovery.bacs_reports.choices import ItemOutcome, ReportKind
from debt_recovery.bacs_reports.models import BacsReport, BacsReportItem
from debt_recovery.bacs_reports.services import ReportRefused, bacs_report_import, report_plan
from debt_recovery.directdebits.choices import AuddisState, CollectionStatus, MandateStatus
from debt_recovery.directdebits.models import Collection, Mandate
from debt_recovery.holds.models import Hold
from debt_recovery.payments.models import Payment
from ledger.models import Posting, Transaction
from people.models import Task
from tests.debt_recovery.bacs_reports.conftest import DUE, PROCESSED, REPORTED, arudd, input_report, messaging
from tests.factories import UserFactory


def _balance(debtor):
    return sum(Posting.objects.filter(account=debtor.ledger_account).values_list("amount", flat=True), Decimal("0"))


def _state():
    """Everything an import may change, to prove a refused or repeated one changes nothing."""
    return (BacsReport.objects.count(), BacsReportItem.objects.count(), Task.objects.count(),
            Transaction.objects.count(), Hold.objects.count(),
            sorted(Mandate.objects.values_list("pk", "status", "auddis_state", "sort_code", "account_number")),
            sorted(Collection.objects.values_list("pk", "status")),
            sorted(Payment.objects.values_list("pk", "reversed_on")))


def test_arudd_refer_to_payer_reverses_the_payment_re_presents_once_with_notice_and_tells_the_officer(
        collected, debt_officer):
    debtor = collected.mandate.debtor
    assert _balance(debtor) == Decimal("0.00")
    report, created = bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)]), filename="ARUDD.xml")
    assert created and report.kind == ReportKind.ARUDD and report.total == Decimal("85.40")
    collected.refresh_from_db()
    assert collected.status == CollectionStatus.UNPAID
    assert collected.payment.reversed_on is not None
    assert _balance(debtor) == Decimal("85.40")  # owed again
    again = Collection.objects.get(represents=collected)
    assert again.transaction_code == "18" and again.amount == Decimal("85.40")
    assert again.status == CollectionStatus.SCHEDULED and again.notice_id is not None
    assert (again.due_on - PROCESSED).days <= 31
    item = report.items.get()
    assert item.outcome == ItemOutcome.APPLIED and item.reason_code == "0" and item.collection == collected
    assert item.task.assigned_to == debt_officer and "re-presented" in item.task.details
    Mandate.objects.get(pk=collected.mandate_id).status == MandateStatus.LIVE


def test_a_re_presentation_returned_unpaid_again_is_not_re_presented_a_second_time(collected, debt_officer):
    bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)]))
    again = Collection.objects.get(represents=collected)
    Collection.objects.filter(pk=again.pk).update(status=CollectionStatus.SUBMITTED)
    report, _ = bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "0", "REFER TO PAYER", again.due_on)], on=again.due_on))
    assert Collection.objects.filter(represents=again).count() == 0
    assert Collection.objects.get(pk=again.pk).status == CollectionStatus.UNPAID
    assert "cannot be re-presented" in report.items.get().task.details


@pytest.mark.parametrize("code,words", [("1012", "INSTRUCTION CANCELLED"), ("B", "ACCOUNT CLOSED"),
                                        ("0155", "NO ACCOUNT/WRONG ACCOUNT TYPE")])
def test_arudd_cancelled_or_closed_cancels_the_direct_debit(collected, debt_officer, code, words):
    report, _ = bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", code, words, PROCESSED)]))
    mandate = Mandate.objects.get(pk=collected.mandate_id)
    assert mandate.status == MandateStatus.CANCELLED
    assert mandate.auddis_state == AuddisState.NOT_NEEDED  # the bank cancelled it: no 0C back
    assert Payment.objects.get(pk=collected.payment_id).reversed_on is not None
    assert "Agree another way to pay" in report.items.get().task.details


def test_arudd_payer_deceased_moves_the_debt_to_the_estate_once_the_death_is_recorded(collected, debt_officer):
    client = collected.mandate.debtor.client
    client.date_of_death = PROCESSED
    client.save()
    report, _ = bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "2", "PAYER DECEASED", PROCESSED)]))
    mandate = Mandate.objects.select_related("debtor").get(pk=collected.mandate_id)
    assert mandate.status == MandateStatus.CANCELLED
    assert mandate.debtor.kind == "estate"
    task = report.items.get().task
    assert task.title.startswith("Payer deceased") and "probate" in task.details


def test_arudd_payer_deceased_without_a_recorded_death_asks_the_officer(collected, debt_officer):
    report, _ = bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "2", "PAYER DECEASED", PROCESSED)]))
    mandate = Mandate.objects.select_related("debtor").get(pk=collected.mandate_id)
    assert mandate.status == MandateStatus.CANCELLED and mandate.debtor.kind == "person"
    assert "record their date of death" in report.items.get().task.details


def test_arudd_advance_notice_disputed_pauses_collecting_and_places_a_dispute_hold(collected, debt_officer):
    bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "4", "ADVANCE NOTICE DISPUTED", PROCESSED)]))
    mandate = Mandate.objects.get(pk=collected.mandate_id)
    assert mandate.status == MandateStatus.PAUSED
    hold = Hold.objects.get(debtor=mandate.debtor)
    assert hold.reason == "dispute" and hold.released_at is None


def test_arudd_account_transferred_pauses_collecting(collected, debt_officer):
    bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "3", "ACCOUNT TRANSFERRED", PROCESSED)]))
    assert Mandate.objects.get(pk=collected.mandate_id).status == MandateStatus.PAUSED


def test_the_same_file_twice_changes_nothing(collected, debt_officer):
    content = arudd([("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)])
    first, created = bacs_report_import(acting_user=debt_officer, content=content)
    before = _state()
    again, created_again = bacs_report_import(acting_user=debt_officer, content=content)
    assert created and not created_again and again == first
    assert _state() == before


def test_another_report_of_items_already_processed_changes_nothing(collected, debt_officer):
    bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)]))
    before_tasks, before_tx = Task.objects.count(), Transaction.objects.count()
    # The bureau sends the same advice again in a file of its own (another header, so another fingerprint).
    report, created = bacs_report_import(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)], on=DUE))
    assert created
    assert report.items.get().outcome == ItemOutcome.ALREADY_DONE
    assert (Task.objects.count(), Transaction.objects.count()) == (before_tasks, before_tx)
    assert Collection.objects.filter(represents=collected).count() == 1


@pytest.mark.parametrize("content,expected", [
    (lambda: arudd([("NOSUCHREF01", "85.40", "0", "REFER TO PAYER", PROCESSED)]),
     "Item 1 (reference NOSUCHREF01): no direct debit has this reference."),
    (lambda: arudd([("HAWORTH0001", "85.4x", "0", "REFER TO PAYER", PROCESSED)], totals=False),
     "Item 1 (reference HAWORTH0001): the amount '85.4x' is not a sum of money"),
    (lambda: arudd([("HAWORTH0001", "85.40", "0", "REFER TO PAYER", PROCESSED)], sun="111111"),
     "service user number 111111"),
    (lambda: arudd([("HAWORTH0001", "99.99", "0", "REFER TO PAYER", PROCESSED)]),
     "Item 1 (reference HAWORTH0001): no collection of £99.99"),
    (lambda: arudd([("HAWORTH0001", "85.40", "0999", "SOMETHING ELSE", PROCESSED)]),
     "is not an ARUDD reason"),
    (lambda: b"<BACSDocument><Data><ARUDD>", "not a readable XML"),
    (lambda: b'<!DOCTYPE x [<!ENTITY a "aaaa">]><BACSDocument><Data/></BACSDocument>', "not a readable XML"),
])
def test_a_bad_report_is_refused_whole_naming_the_item_and_nothing_changes(collected, debt_officer, content,
                                                                          expected):
    before = _state()
    with pytest.raises(ReportRefused) as refused:
        bacs_report_import(acting_user=debt_officer, content=content())
    assert expected in " ".join(refused.value.problems)
    assert _state() == before


def test_one_bad_item_refuses_the_good_ones_too(collected, debt_officer):
    before = _state()
    with pytest.raises(ReportRefused) as refused:
        bacs_report_import(acting_user=debt_officer, content=arudd([
            ("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED),
            ("NOSUCHREF01", "10.00", "0128", "REFER TO PAYER", PROCESSED)]))
    assert refused.value.problems == ["Item 2 (reference NOSUCHREF01): no direct debit has this reference."]
    assert _state() == before


def test_totals_that_do_not_match_the_items_refuse_the_file(collected, debt_officer):
    content = arudd([("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)]).replace(
        b'numberOf="1"', b'numberOf="2"')
    with pytest.raises(ReportRefused, match="do not match its items"):
        bacs_report_import(acting_user=debt_officer, content=content)


def test_someone_outside_the_debt_recovery_team_cannot_import(collected):
    with pytest.raises(PermissionDeniedError):
        report_plan(acting_user=UserFactory(), content=arudd(
            [("HAWORTH0001", "85.40", "0128", "REFER TO PAYER", PROCESSED)]))


def test_the_plan_says_what_will_happen_and_writes_nothing(collected, debt_officer):
    before = _state()
    plan = report_plan(acting_user=debt_officer, content=arudd(
        [("HAWORTH0001", "85.40", "1012", "INSTRUCTION CANCELLED", PROCESSED)]))
    assert plan.changes == 1 and "cancelled" in plan.items[0].action
    assert _state() == before


# --- ADDACS ------------------------------------------------------------------------------------------

def test_addacs_cancelled_by_payer_cancels_the_mandate_and_its_scheduled_collections(mandate, debt_officer):
    later = Collection.objects.create(mandate=mandate, due_on=DUE, amount=Decimal("85.40"), transaction_code="17")
    report, _ = bacs_report_import(acting_user=debt_officer, content=messaging([
        {"record-type": "A", "reason-code": "1", "reference": "HAWORTH0001", "payer-name": "NORMAN HAWORTH",
         "effective-date": str(REPORTED), "aosn": "000001"}]))
    assert report.kind == ReportKind.ADDACS
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.CANCELLED and mandate.auddis_state == AuddisState.NOT_NEEDED
    assert Collection.objects.get(pk=later.pk).status == CollectionStatus.CANCELLED
    assert report.items.get().task.title.startswith("Direct debit cancelled")


def test_addacs_transfer_updates_the_account_and_collecting_continues(mandate, debt_officer):
    bacs_report_import(acting_user=debt_officer, content=messaging([
        {"record-type": "A", "reason-code": "3", "reference": "HAWORTH0001", "payer-name": "NORMAN HAWORTH",
         "payer-new-sort-code": "40-11-22", "payer-new-account-number": "87654321", "effective-date": str(REPORTED)}]))
    mandate.refresh_from_db()
    assert (mandate.sort_code, mandate.account_number, mandate.status) == ("401122", "87654321", MandateStatus.LIVE)


def test_addacs_disputed_pauses_and_reinstated_resumes(mandate, debt_officer):
    bacs_report_import(acting_user=debt_officer, content=messaging([
        {"record-type": "A", "reason-code": "D", "reference": "HAWORTH0001", "effective-date": str(PROCESSED)}]))
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.PAUSED
    assert Hold.objects.filter(debtor=mandate.debtor, reason="dispute").exists()
    bacs_report_import(acting_user=debt_officer, content=messaging([
        {"record-type": "A", "reason-code": "R", "reference": "HAWORTH0001", "effective-date": str(REPORTED)}]))
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.LIVE


def test_addacs_transfer_without_the_new_details_is_refused(mandate, debt_officer):
    with pytest.raises(ReportRefused, match="must give the new sort code"):
        bacs_report_import(acting_user=debt_officer, content=messaging([
            {"record-type": "A", "reason-code": "3", "reference": "HAWORTH0001"}]))


# --- AUDDIS and the input report ---------------------------------------------------------------------

def test_auddis_rejection_marks_the_mandate_failed_with_the_reason(mandate, debt_officer):
    report, _ = bacs_report_import(acting_user=debt_officer, content=messaging([
        {"record-type": "V", "file-type": "LIVE", "vol-serial-number": "263071", "accepted-ddi": "0",
         "rejected-ddi": "1"},
        {"record-type": "N", "reason-code": "5", "reference": "HAWORTH0001", "payer-name": "NORMAN HAWORTH"}]))
    assert report.kind == ReportKind.AUDDIS and report.item_count == 1
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.FAILED and mandate.auddis_state == AuddisState.REJECTED
    assert "No account" in mandate.status_note
    assert report.items.get().task.title.startswith("Direct debit instruction rejected")


def test_input_report_rejection_reverses_the_collection(collected, debt_officer):
    report, _ = bacs_report_import(acting_user=debt_officer, content=input_report(
        [("HAWORTH0001", "85.40", "REJECTED", "INVALID SORT CODE")], accepted="120.00"))
    assert report.kind == ReportKind.INPUT and report.accepted_debits == Decimal("120.00")
    collected.refresh_from_db()
    assert collected.status == CollectionStatus.UNPAID
    assert Payment.objects.get(pk=collected.payment_id).reversed_on is not None
