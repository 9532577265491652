"""Monthly reconciliation of the pooled client bank account: figures from an imported statement, to the
penny; maker-checker sign-off; the statement PDF stored with its SHA-256; a signed-off month is final.

November 2026's statement is ``tests/ledger/data/natwest.csv`` (see test_statement_import.py): the bank
closes the month at £12.45, five lines are matched to clients and three go to suspense.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.exceptions import ConflictError, PermissionDeniedError
from ledger.choices import MoneyInCategory
from ledger.client_money import client_receipt_record
from ledger.imports import statement_import, suspense_allocate
from ledger.models import BankBalanceSource, Reconciliation, ReconciliationStatus, StatementLine
from ledger.reconciliation import reconciliation_prepare, reconciliation_sign_off
from ledger.services import LedgerError
from tests.ledger.statements import data

NOVEMBER = dt.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def imported(officer, clients):
    return statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)


def pdf_text(record: Reconciliation) -> str:
    with record.pdf.open("rb") as handle:
        content = handle.read()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_prepare_from_an_imported_statement_is_exact_to_the_penny(officer, imported):
    record = reconciliation_prepare(acting_user=officer, month=dt.date(2026, 11, 17))

    assert record.month == NOVEMBER
    assert record.status == ReconciliationStatus.PREPARED
    assert record.bank_balance_source == BankBalanceSource.STATEMENT
    assert record.bank_closing_balance == Decimal("12.45")
    assert record.ledger_balance == Decimal("12.45")
    assert record.difference == Decimal("0.00")
    # Matched: £230.25 + £184.30 - £32.10 - £20.00 - £20.00; suspense: £50.00 + £120.00 - £500.00.
    assert (record.matched_count, record.matched_total) == (5, Decimal("342.45"))
    assert (record.unmatched_count, record.unmatched_total) == (3, Decimal("-330.00"))
    assert (record.uncleared_count, record.uncleared_total) == (0, Decimal("0.00"))
    assert record.prepared_by == officer and record.signed_off_by is None
    assert record.history.first().history_user == officer


def test_preparing_again_recomputes_and_an_entered_balance_wins(officer, team_leader, peggy, imported):
    reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    line = StatementLine.objects.get(statement_import=imported.statement_import, line_number=5)
    suspense_allocate(acting_user=officer, line=line, client=peggy, category=MoneyInCategory.OTHER_INCOME)

    record = reconciliation_prepare(acting_user=team_leader, month=NOVEMBER, bank_closing_balance=Decimal("10.00"))

    assert Reconciliation.objects.count() == 1
    assert record.prepared_by == team_leader
    assert record.bank_balance_source == BankBalanceSource.ENTERED
    assert record.difference == Decimal("2.45")
    assert (record.matched_count, record.matched_total) == (6, Decimal("392.45"))
    assert (record.unmatched_count, record.unmatched_total) == (2, Decimal("-380.00"))


def test_a_month_without_a_bank_balance_needs_one_entered(officer, db):
    with pytest.raises(LedgerError) as refused:
        reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    assert refused.value.code == "no_bank_balance"
    assert not Reconciliation.objects.exists()
    with pytest.raises(LedgerError):
        reconciliation_prepare(acting_user=officer, month=NOVEMBER, bank_closing_balance=1.5)


def test_the_preparer_cannot_sign_off(team_leader, imported):
    record = reconciliation_prepare(acting_user=team_leader, month=NOVEMBER)

    with pytest.raises(PermissionDeniedError) as refused:
        reconciliation_sign_off(acting_user=team_leader, reconciliation=record)

    assert refused.value.code == "same_officer"
    record.refresh_from_db()
    assert record.status == ReconciliationStatus.PREPARED and not record.pdf and record.pdf_sha256 == ""


def test_another_officer_signs_off_and_the_pdf_is_stored_with_its_sha256(officer, team_leader, imported):
    record = reconciliation_prepare(acting_user=officer, month=NOVEMBER)

    record = reconciliation_sign_off(acting_user=team_leader, reconciliation=record)

    record.refresh_from_db()
    assert record.status == ReconciliationStatus.SIGNED_OFF
    assert record.signed_off_by == team_leader and record.signed_off_at is not None
    with record.pdf.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == record.pdf_sha256
    text = pdf_text(record)
    assert "Bank reconciliation: November 2026" in text
    assert "Bank closing balance" in text and "Ledger balance" in text
    assert "Difference (ledger less bank)" in text
    assert text.count("£12.45") >= 2 and "£0.00" in text
    assert "UNKNOWN PAYER REF 7781" in text and "-£330.00" in text
    assert "Olivia Officer" in text and "Tom Leader" in text
    assert "Page 1 of" in text


def test_a_signed_off_month_cannot_be_prepared_or_signed_again(officer, team_leader, imported):
    record = reconciliation_sign_off(acting_user=team_leader,
                                     reconciliation=reconciliation_prepare(acting_user=officer, month=NOVEMBER))

    with pytest.raises(ConflictError) as refused:
        reconciliation_prepare(acting_user=officer, month=NOVEMBER, bank_closing_balance=Decimal("1.00"))
    assert refused.value.code == "signed_off"
    with pytest.raises(ConflictError):
        reconciliation_sign_off(acting_user=team_leader, reconciliation=record)
    record.refresh_from_db()
    assert record.bank_closing_balance == Decimal("12.45")


def test_an_unexplained_difference_is_refused(officer, team_leader, imported):
    record = reconciliation_prepare(acting_user=officer, month=NOVEMBER, bank_closing_balance=Decimal("12.40"))
    assert record.difference == Decimal("0.05")

    with pytest.raises(ConflictError) as refused:
        reconciliation_sign_off(acting_user=team_leader, reconciliation=record)

    assert refused.value.code == "difference_unexplained"
    assert "£0.05" in str(refused.value)
    record.refresh_from_db()
    assert record.status == ReconciliationStatus.PREPARED


def test_a_receipt_the_bank_has_not_shown_yet_explains_the_difference(officer, team_leader, peggy, imported):
    client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("75.00"),
                          effective_date=dt.date(2026, 11, 28), category=MoneyInCategory.OTHER_INCOME, idempotency_key="cash-paid-in-28-11")

    record = reconciliation_prepare(acting_user=officer, month=NOVEMBER)

    assert record.bank_closing_balance == Decimal("12.45")
    assert record.ledger_balance == Decimal("87.45")
    assert record.difference == Decimal("75.00")
    assert (record.uncleared_count, record.uncleared_total) == (1, Decimal("75.00"))
    record = reconciliation_sign_off(acting_user=team_leader, reconciliation=record)
    assert record.status == ReconciliationStatus.SIGNED_OFF


def test_a_change_after_preparation_must_be_prepared_again(officer, team_leader, peggy, imported):
    record = reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    line = StatementLine.objects.get(statement_import=imported.statement_import, line_number=5)
    suspense_allocate(acting_user=officer, line=line, client=peggy, category=MoneyInCategory.OTHER_INCOME)

    with pytest.raises(ConflictError) as refused:
        reconciliation_sign_off(acting_user=team_leader, reconciliation=record)
    assert refused.value.code == "stale"


def test_an_auditor_can_neither_prepare_nor_sign_off(officer, auditor, imported):
    with pytest.raises(PermissionDeniedError):
        reconciliation_prepare(acting_user=auditor, month=NOVEMBER)
    assert not Reconciliation.objects.exists()
    record = reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    with pytest.raises(PermissionDeniedError):
        reconciliation_sign_off(acting_user=auditor, reconciliation=record)
    record.refresh_from_db()
    assert record.status == ReconciliationStatus.PREPARED


def test_the_database_refuses_a_sign_off_by_the_preparer(officer, imported):
    from django.db import IntegrityError, transaction

    record = reconciliation_prepare(acting_user=officer, month=NOVEMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reconciliation.objects.filter(pk=record.pk).update(signed_off_by=officer)
