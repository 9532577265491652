"""Closed months: a month is reconciled once it has ended; signing it off closes it for the pooled client
bank account and the client-money sub-ledger; money that belongs to it is posted late, in the first open
month, and listed there; a team leader can reopen the latest closed month, with a reason, and the old
sign-off is kept.

November 2026's statement is ``tests/ledger/data/natwest.csv``: the bank closes the month at £12.45,
Peggy (ASC-100001) ends it with £158.15, and "UNKNOWN PAYER REF 7781" (£50.00, 5 November) is in suspense.
The raw-SQL side of the rule (23L07) is in test_invariants.py.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ConflictError, PermissionDeniedError
from ledger import closing, services
from ledger.choices import MoneyInCategory, MoneyOutCategory, PaymentStatus, Purpose
from ledger.client_money import client_payment_make, client_receipt_record, payment_hold_release
from ledger.imports import statement_import, suspense_allocate
from ledger.models import Account, ClosedMonth, Reconciliation, ReconciliationStatus, StatementLine
from ledger.reconciliation import (
    month_reopen,
    reconciliation_figures,
    reconciliation_prepare,
    reconciliation_sign_off,
)
from ledger.selectors import account_balance
from ledger.services import LedgerError
from tests.ledger.statements import data
from tests.ledger.test_invariants import insert_posting, insert_transaction, sqlstate
from tests.ledger.test_reconciliation import pdf_text

OCTOBER = dt.date(2026, 10, 1)
NOVEMBER = dt.date(2026, 11, 1)
NOV_30 = dt.date(2026, 11, 30)
DEC_1 = dt.date(2026, 12, 1)
REASON = "The bank corrected its November statement after sign-off"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def imported(officer, clients):
    return statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)


@pytest.fixture
def bank(imported):
    return Account.objects.get(purpose=Purpose.POOLED_BANK)


@pytest.fixture
def close_november(officer, team_leader, imported):
    def do():
        record = reconciliation_prepare(acting_user=officer, month=NOVEMBER)
        return reconciliation_sign_off(acting_user=team_leader, reconciliation=record)

    return do


def funds(client) -> Account:
    return Account.objects.get(client=client, purpose=Purpose.CLIENT_FUNDS)


# --- a month is reconciled once it has ended -------------------------------------------------------

@pytest.mark.django_db
def test_a_month_is_reconciled_only_after_it_has_ended(officer, imported):
    today = timezone.localdate()
    with pytest.raises(LedgerError) as refused:
        reconciliation_prepare(acting_user=officer, month=today, bank_closing_balance=Decimal("12.45"))
    assert refused.value.code == "month_not_ended"
    first_of_next = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    assert f"{today:%B %Y} has not ended yet" in refused.value.message
    assert f"from {first_of_next.day} {first_of_next:%B %Y}" in refused.value.message
    with pytest.raises(LedgerError):
        reconciliation_prepare(acting_user=officer, month=first_of_next, bank_closing_balance=Decimal("1.00"))
    assert not Reconciliation.objects.exists()
    assert reconciliation_prepare(acting_user=officer, month=NOVEMBER).month == NOVEMBER


@pytest.mark.django_db
def test_the_page_offers_last_month_and_refuses_this_one(client_as, officer):
    browser = client_as(officer)
    page = browser.get(reverse("ledger:reconciliations"))
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    form = page.context["form"]
    assert (form.initial["month"], form.initial["year"]) == (last_month.month, last_month.year)
    today = timezone.localdate()
    refused = browser.post(reverse("ledger:reconciliations"), {"month": today.month, "year": today.year})
    assert "Choose a month that has ended" in refused.content.decode()
    assert not Reconciliation.objects.exists()


# --- signing off closes the month -----------------------------------------------------------------

@pytest.mark.django_db
def test_signing_off_closes_the_month_for_the_bank_and_its_sub_ledger(officer, team_leader, peggy, bank,
                                                                      close_november):
    record = close_november()

    closed = ClosedMonth.objects.get()
    assert (closed.account, closed.month, closed.reconciliation, closed.closed_by) == (
        bank, NOVEMBER, record, team_leader)
    assert closed.is_closed and closed.history.get().history_user == team_leader
    assert closing.closed_up_to() == NOV_30
    # Straight through the one way in, with nothing to move it to an open month: the database refuses.
    for account in (funds(peggy), Account.objects.get(purpose=Purpose.SUSPENSE)):
        with pytest.raises(LedgerError) as refused:
            services.transaction_post(client_money=True, acting_user=officer, effective_date=NOV_30, kind="receipt",
                                      postings=[(bank, Decimal("5.00")), (account, Decimal("-5.00"))],
                                      idempotency_key=f"late-{account.pk}")
        assert refused.value.code == "ledger_month_closed"
        assert "That month is closed for client money" in refused.value.message
    assert account_balance(account=bank, as_at=NOV_30) == record.ledger_balance == Decimal("12.45")


@pytest.mark.django_db
def test_only_a_client_affairs_team_leader_signs_off(officer, team_leader, auditor, imported):
    record = reconciliation_prepare(acting_user=team_leader, month=NOVEMBER)
    for user in (officer, auditor):
        with pytest.raises(PermissionDeniedError):
            reconciliation_sign_off(acting_user=user, reconciliation=record)
    record.refresh_from_db()
    assert record.status == ReconciliationStatus.PREPARED and not ClosedMonth.objects.exists()


@pytest.mark.django_db
def test_months_are_signed_off_in_order_and_reopened_latest_first(officer, team_leader, imported):
    october = reconciliation_prepare(acting_user=officer, month=OCTOBER, bank_closing_balance=Decimal("0.00"))
    november = reconciliation_prepare(acting_user=officer, month=NOVEMBER)

    with pytest.raises(ConflictError) as refused:
        reconciliation_sign_off(acting_user=team_leader, reconciliation=november)
    assert refused.value.code == "earlier_month_open"
    assert "sign off October 2026 before November 2026" in refused.value.message

    reconciliation_sign_off(acting_user=team_leader, reconciliation=october)
    reconciliation_sign_off(acting_user=team_leader, reconciliation=november)
    with pytest.raises(ConflictError) as refused:
        month_reopen(acting_user=team_leader, reconciliation=october, reason=REASON)
    assert refused.value.code == "later_month_closed"
    assert ClosedMonth.objects.filter(reopened_at__isnull=True).count() == 2


# --- late items --------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_held_payment_released_after_its_month_closed_is_paid_in_the_first_open_month(
        officer, team_leader, peggy, bank, close_november):
    first = client_payment_make(acting_user=officer, client=peggy, amount=Decimal("28.00"), effective_date=NOV_30,
                                category=MoneyOutCategory.MEDICAL, payee="Borchester Foot Care",
                                reference="INV 2291", idempotency_key="chiropody-1")
    held = client_payment_make(acting_user=officer, client=peggy, amount=Decimal("28.00"), effective_date=NOV_30,
                               category=MoneyOutCategory.MEDICAL, payee="Borchester Foot Care",
                               reference="INV 2291", idempotency_key="chiropody-2")
    assert (first.status, held.status) == (PaymentStatus.POSTED, PaymentStatus.HELD)
    november = close_november()  # the first payment is uncleared at the bank: it explains the difference

    released = payment_hold_release(acting_user=team_leader, hold=held)

    txn = released.transaction
    assert (txn.effective_date, txn.relates_to_date) == (DEC_1, NOV_30)
    assert txn.memo == "Borchester Foot Care (INV 2291) (belongs to 30 November 2026)"
    assert released.effective_date == NOV_30  # the payment keeps the date asked for
    # November's ledger is as it was signed off; the payment is in December's figures, as a late item.
    assert account_balance(account=bank, as_at=NOV_30) == november.ledger_balance
    december = reconciliation_figures(month=DEC_1, acting_user=officer)
    assert [(i.date, i.relates_to_date, i.transaction_id, i.amount) for i in december.late] == [
        (DEC_1, NOV_30, txn.pk, Decimal("-28.00"))]
    assert (december.late_count, december.late_total) == (1, Decimal("-28.00"))


@pytest.mark.django_db
def test_a_receipt_dated_in_a_closed_month_is_posted_late_and_asking_again_returns_it(
        officer, peggy, close_november):
    before = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("75.00"), effective_date=NOV_30,
                                   category=MoneyInCategory.OTHER_INCOME, idempotency_key="cash-30-11")
    close_november()

    again = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("75.00"), effective_date=NOV_30,
                                  category=MoneyInCategory.OTHER_INCOME, idempotency_key="cash-30-11")
    late = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("12.00"), effective_date=NOV_30,
                                 category=MoneyInCategory.REFUNDS, memo="Boots refund",
                                 idempotency_key="refund-30-11")
    late_again = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("12.00"),
                                       effective_date=NOV_30, category=MoneyInCategory.REFUNDS, memo="Boots refund",
                                       idempotency_key="refund-30-11")

    assert again.pk == before.pk and (before.effective_date, before.relates_to_date) == (NOV_30, None)
    assert (late.effective_date, late.relates_to_date) == (DEC_1, NOV_30) and late_again.pk == late.pk
    assert late.memo == "Boots refund (belongs to 30 November 2026)"
    assert account_balance(account=funds(peggy)) == Decimal("158.15") + Decimal("75.00") + Decimal("12.00")


@pytest.mark.django_db
def test_statement_lines_and_suspense_allocations_of_a_closed_month_are_posted_late(
        officer, peggy, bank, close_november):
    close_november()
    suspense_line = StatementLine.objects.get(description="UNKNOWN PAYER REF 7781")
    allocated = suspense_allocate(acting_user=officer, line=suspense_line, client=peggy,
                                  category=MoneyInCategory.GIFTS_RECEIVED)
    late_file = (b"Date,Type,Description,Value,Balance,Account Name,Account Number\n"
                 b"30/11/2026,BAC,'DWP PIP ASC-100001,73.90,86.35,CLIENT MONEY POOLED,'600000-12345678\n"
                 b"02/12/2026,BAC,'DWP STATE PENSION ASC-100001,230.25,316.60,CLIENT MONEY POOLED,"
                 b"'600000-12345678\n")
    statement_import(acting_user=officer, file_name="late.csv", content=late_file, commit=True)

    allocation = allocated.allocation
    assert (allocation.effective_date, allocation.relates_to_date) == (DEC_1, dt.date(2026, 11, 5))
    assert allocation.memo.endswith("(belongs to 5 November 2026)")
    pip, pension = (StatementLine.objects.get(statement_import__file_name="late.csv", date=day).transaction
                    for day in (NOV_30, dt.date(2026, 12, 2)))
    assert (pip.effective_date, pip.relates_to_date) == (DEC_1, NOV_30)
    assert "DWP PIP ASC-100001 (belongs to 30 November 2026)" in pip.memo
    assert (pension.effective_date, pension.relates_to_date) == (dt.date(2026, 12, 2), None)
    december = reconciliation_figures(month=DEC_1, acting_user=officer)
    assert [(i.relates_to_date, i.amount) for i in december.late] == [
        (dt.date(2026, 11, 5), Decimal("50.00")), (NOV_30, Decimal("73.90"))]
    assert account_balance(account=bank, as_at=NOV_30) == Decimal("12.45")


# --- reopening ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_reopening_is_a_team_leaders_decision_with_a_reason(officer, auditor, team_leader, close_november):
    record = close_november()
    for user in (officer, auditor):
        with pytest.raises(PermissionDeniedError):
            month_reopen(acting_user=user, reconciliation=record, reason=REASON)
    with pytest.raises(LedgerError) as refused:
        month_reopen(acting_user=team_leader, reconciliation=record, reason="  oops ")
    assert refused.value.code == "no_reason"
    assert ClosedMonth.objects.get().is_closed


@pytest.mark.django_db
def test_a_reopened_month_keeps_its_old_sign_off_and_must_be_signed_off_again(officer, team_leader, peggy, bank,
                                                                               close_november):
    old = close_november()
    old_pdf, old_sha = old.pdf.name, old.pdf_sha256

    closure = month_reopen(acting_user=team_leader, reconciliation=old, reason=REASON)

    old.refresh_from_db()
    assert old.status == ReconciliationStatus.REOPENED
    assert (old.signed_off_by, old.pdf.name, old.pdf_sha256, old.ledger_balance) == (
        team_leader, old_pdf, old_sha, Decimal("12.45"))
    assert old.pdf.storage.exists(old_pdf)
    assert (closure.reopened_by, closure.reopen_reason) == (team_leader, REASON)
    assert closure.history.first().history_change_reason == f"November 2026 reopened: {REASON}"
    assert closing.closed_up_to() is None
    # November takes postings again; preparing it makes a new reconciliation beside the old one.
    client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("10.00"), effective_date=NOV_30,
                          category=MoneyInCategory.REFUNDS, idempotency_key="refund")
    with pytest.raises(ConflictError):
        month_reopen(acting_user=team_leader, reconciliation=old, reason=REASON)
    again = reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    assert again.pk != old.pk and again.ledger_balance == Decimal("22.45")
    assert again.history.first().history_change_reason == (
        "Reconciliation for November 2026 prepared again after the month was reopened")
    again = reconciliation_sign_off(acting_user=team_leader, reconciliation=again)
    assert [(c.reconciliation_id, c.is_closed) for c in ClosedMonth.objects.order_by("id")] == [
        (old.pk, False), (again.pk, True)]
    assert closing.closed_up_to() == NOV_30
    # The statement signed off the second time says the month was reopened, by whom and why.
    text = " ".join(pdf_text(again).split())
    assert "Reopened" in text and REASON in text and "reopened by Tom Leader" in text
    assert again.pdf.name != old_pdf and old.pdf.storage.exists(old_pdf)


@pytest.mark.django_db
def test_pages_say_a_month_was_reopened_and_why(client_as, officer, team_leader, other_officer, auditor,
                                                close_november):
    old = close_november()
    url = reverse("ledger:reconciliation-reopen", args=[old.pk])
    for user, status in ((officer, 403), (other_officer, 403), (auditor, 403)):
        assert client_as(user).get(url).status_code == status, user.username
        assert client_as(user).post(url, {"reason": REASON}).status_code == status, user.username
    assert url not in client_as(officer).get(reverse("ledger:reconciliation-detail", args=[old.pk])).content.decode()
    leader = client_as(team_leader)  # the one test client, signed in as each user in turn
    detail = leader.get(reverse("ledger:reconciliation-detail", args=[old.pk])).content.decode()
    assert "Signed off: month closed" in detail and url in detail
    blank = leader.post(url, {"reason": ""}).content.decode()
    assert "Enter why the month needs to be reopened" in blank and ClosedMonth.objects.get().is_closed

    response = leader.post(url, {"reason": REASON}, follow=True)

    page = response.content.decode()
    assert "November 2026 reopened: prepare its reconciliation again" in page
    assert page.count(REASON) == 1 and 'data-testid="reopened-note"' in page
    detail = client_as(team_leader).get(reverse("ledger:reconciliation-detail", args=[old.pk])).content.decode()
    assert "Signed off, then reopened" in detail and REASON in detail
    assert "This sign-off no longer stands" in detail and "has not been prepared again yet" in detail
    again = reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    detail = client_as(officer).get(reverse("ledger:reconciliation-detail", args=[again.pk])).content.decode()
    assert 'data-testid="reopened-warning"' in detail and REASON in detail
    assert "This sign-off no longer stands" not in detail
    overview = client_as(auditor).get(reverse("ledger:overview")).content.decode()
    assert overview.count(REASON) == 2  # the old reconciliation and the new one


@pytest.mark.django_db
def test_a_signed_off_reconciliation_that_no_longer_matches_the_ledger_says_so(client_as, officer, close_november):
    record = close_november()
    url = reverse("ledger:reconciliation-detail", args=[record.pk])
    assert 'data-testid="changed-warning"' not in client_as(officer).get(url).content.decode()
    # Not possible through the ledger while the month is closed; the page checks all the same.
    Reconciliation.objects.filter(pk=record.pk).update(ledger_balance=Decimal("99.00"), difference=Decimal("86.55"))

    page = client_as(officer).get(url).content.decode()

    assert 'data-testid="changed-warning"' in page
    assert "The ledger now shows £12.45" in page


# --- sign-off against postings under way -------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_a_posting_that_arrives_during_sign_off_waits_and_is_then_refused(officer, team_leader, peggy):
    from tests.ledger.test_invariants import close_month

    bank = Account.objects.create(name="Pooled", kind="asset", owner_kind="council", purpose=Purpose.POOLED_BANK)
    closing_started, finished = threading.Event(), {}

    def sign_off():
        try:
            with transaction.atomic():
                closing.lock_for_closing()
                close_month(NOVEMBER, preparer=officer, signer=team_leader, bank=bank)
                closing_started.set()
                time.sleep(0.5)
            finished["at"] = time.monotonic()
        finally:
            connection.close()

    thread = threading.Thread(target=sign_off)
    thread.start()
    assert closing_started.wait(10)
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic(), connection.cursor() as cursor:
            txn = insert_transaction(cursor, officer, on=NOV_30)
            insert_posting(cursor, txn, bank, "10.00", on=NOV_30)
    refused_at = time.monotonic()
    thread.join(10)
    assert sqlstate(caught.value) == "23L07"
    assert refused_at >= finished["at"]  # it waited for the month to close, then saw it closed


@pytest.mark.django_db(transaction=True)
def test_sign_off_waits_for_a_posting_under_way_and_counts_it(officer, team_leader, peggy):
    bank = Account.objects.create(name="Pooled", kind="asset", owner_kind="council", purpose=Purpose.POOLED_BANK)
    peggy_funds = Account.objects.create(name="Peggy: funds", kind="liability", owner_kind="client", client=peggy,
                                         purpose=Purpose.CLIENT_FUNDS)
    posting_started, locked = threading.Event(), {}

    def close():
        try:
            assert posting_started.wait(10)
            with transaction.atomic():
                closing.lock_for_closing()
                locked["at"] = time.monotonic()
                locked["balance"] = account_balance(account=bank, as_at=NOV_30)
        finally:
            connection.close()

    thread = threading.Thread(target=close)
    thread.start()
    with transaction.atomic(), connection.cursor() as cursor:
        txn = insert_transaction(cursor, officer, on=NOV_30)
        insert_posting(cursor, txn, bank, "10.00", on=NOV_30)
        insert_posting(cursor, txn, peggy_funds, "-10.00", on=NOV_30)
        posting_started.set()
        time.sleep(0.5)
        committed_at = time.monotonic()
    thread.join(10)
    assert locked["at"] >= committed_at
    assert locked["balance"] == Decimal("10.00")


@pytest.mark.django_db
def test_the_receipt_page_says_when_money_is_posted_late(client_as, officer, peggy, close_november):
    from tests.ledger.test_views import date_fields, form_key, text

    close_november()
    browser = client_as(officer)
    url = reverse("ledger:receipt-add", args=[peggy.pk])
    form = {"amount": "12.00", **date_fields("effective_date", NOV_30), "category": "refunds",
            "memo": "Boots refund", "request_key": form_key(browser.get(url))}

    page = text(browser.post(url, form, follow=True))

    assert ("Receipt of £12.00 recorded, posted on 1 December 2026: it belongs to 30 November 2026, in a month "
            "already closed") in page
    assert "Boots refund (belongs to 30 November 2026)" in page
