"""Bank statement import: two layouts, idempotent re-import, overlapping files, all-or-nothing refusals,
preview, and suspense allocation.

The sample files in ``tests/ledger/data`` are made up. Peggy Thornton is ASC-100001 and Arthur Bell
ASC-100002 (both North team, visible to Olivia); Harold Pemberton, ASC-100003, is on the charging team
and Olivia cannot see him, so a line naming him goes to suspense.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from core.exceptions import ApplicationError, ConflictError
from ledger import imports
from ledger.choices import MoneyInCategory, MoneyOutCategory, Purpose
from ledger.imports import statement_import, statement_parse, suspense_allocate
from ledger.models import Account, StatementImport, StatementLine, StatementLineStatus, Transaction
from ledger.selectors import account_balance, available_funds, receipts_to_confirm
from ledger.services import LedgerError
from tests.ledger.statements import data
from tests.money import confirmed

def ledger_row_counts() -> dict[str, int]:
    """Rows in every table of the ledger app, history tables included."""
    return {model._meta.db_table: model.objects.count() for model in apps.get_app_config("ledger").get_models()}


@pytest.fixture
def run(officer, clients):
    def do(name: str, *, commit=True, content: bytes | None = None, user=None):
        return statement_import(acting_user=user or officer, file_name=name,
                                content=data(name) if content is None else content, commit=commit)

    return do


def funds(client) -> Decimal:
    account = Account.objects.filter(client=client, purpose=Purpose.CLIENT_FUNDS).first()
    return account_balance(account=account) if account else Decimal("0.00")


def pooled() -> Decimal:
    return account_balance(account=Account.objects.get(purpose=Purpose.POOLED_BANK))


def suspense_balance() -> Decimal:
    return account_balance(account=Account.objects.get(purpose=Purpose.SUSPENSE))


# --- layouts -----------------------------------------------------------------------------------------

def test_natwest_layout_matches_suspends_and_posts(run, peggy, arthur):
    result = run("natwest.csv")

    assert result.layout == "natwest"
    assert [p.line.line_number for p in result.matched] == [2, 3, 4, 8, 9]
    assert [p.line.line_number for p in result.suspense] == [5, 6, 7]
    assert result.skipped == []
    record = result.statement_import
    assert (record.lines_total, record.lines_matched, record.lines_suspense, record.lines_skipped) == (8, 5, 3, 0)
    assert len(record.sha256) == 64 and record.uploaded_by.username == "olivia"

    # Matched lines land in the right client's funds; the pooled bank agrees with the bank's closing balance.
    assert funds(peggy) == Decimal("230.25") - Decimal("32.10") - Decimal("40.00")
    assert funds(arthur) == Decimal("184.30")
    assert pooled() == Decimal("12.45")
    # Unmatched: £50 unknown payer and £120 for a client Olivia cannot see in; the £500 care home bill that
    # would overdraw Arthur out.
    assert suspense_balance() == Decimal("50.00") + Decimal("120.00") - Decimal("500.00")

    lines = {line.line_number: line for line in StatementLine.objects.filter(statement_import=record)}
    assert len(lines) == 8
    assert lines[2].client == peggy and lines[2].transaction.category == MoneyInCategory.STATE_PENSION
    assert lines[3].client == arthur and lines[3].transaction.category == MoneyInCategory.PERSONAL_INDEPENDENCE_PAYMENT
    assert lines[4].transaction.category == MoneyOutCategory.OTHER_SPENDING
    assert lines[4].transaction.kind == "payment"
    assert lines[2].bank_balance == Decimal("230.25")
    assert lines[2].transaction.idempotency_key == lines[2].fingerprint
    assert {lines[n].status for n in (5, 6, 7)} == {StatementLineStatus.SUSPENSE}
    assert lines[6].client is None
    # Two identical card top-ups on one day are two lines, both posted.
    assert lines[8].fingerprint != lines[9].fingerprint
    assert lines[8].transaction != lines[9].transaction


def test_barclays_layout(run, peggy, arthur):
    result = run("barclays.csv")

    assert result.layout == "barclays"
    categories = {p.line.line_number: p.category for p in result.matched}
    assert categories == {2: MoneyInCategory.REFUNDS, 3: MoneyInCategory.ATTENDANCE_ALLOWANCE,
                          4: MoneyOutCategory.OTHER_SPENDING}
    assert [p.line.line_number for p in result.suspense] == [5]
    assert funds(peggy) == Decimal("35.00")
    assert funds(arthur) == Decimal("98.60")
    assert StatementLine.objects.get(line_number=4).reference == "000123"
    assert pooled() == Decimal("145.60")


# --- idempotency ---------------------------------------------------------------------------------------

def test_importing_the_same_file_again_posts_nothing(run, peggy):
    run("natwest.csv")
    before = ledger_row_counts()
    balance = funds(peggy)

    again = run("natwest.csv")

    assert len(again.skipped) == 8 and again.matched == [] and again.suspense == []
    after = ledger_row_counts()
    assert after["ledger_transaction"] == before["ledger_transaction"]
    assert after["ledger_posting"] == before["ledger_posting"]
    assert after["ledger_statementline"] == before["ledger_statementline"]
    assert after["ledger_statementimport"] == before["ledger_statementimport"] + 1  # the attempt is recorded
    assert funds(peggy) == balance


def test_an_overlapping_file_posts_only_the_new_lines(run, peggy):
    run("natwest.csv")
    transactions = Transaction.objects.count()

    result = run("natwest_overlap.csv")

    assert [p.line.line_number for p in result.skipped] == [2, 3, 4]
    assert [p.line.line_number for p in result.matched] == [5, 6]
    assert result.matched[0].category == MoneyInCategory.PERSONAL_PENSION
    assert Transaction.objects.count() == transactions + 2
    assert funds(peggy) == Decimal("158.15") + Decimal("1000.00") - Decimal("13.25")
    assert pooled() == Decimal("999.20")


def test_preview_writes_nothing_and_says_what_would_happen(run, peggy):
    before = ledger_row_counts()

    preview = run("natwest.csv", commit=False)

    assert ledger_row_counts() == before
    assert preview.statement_import is None
    assert [p.line.line_number for p in preview.matched] == [2, 3, 4, 8, 9]
    assert [p.outcome for p in preview.suspense] == ["suspense"] * 3
    assert "ASC-100003" in preview.suspense[1].reason
    assert "overdraw" in preview.suspense[2].reason

    # After the import, a preview of the overlapping file shows the overlap as skipped.
    run("natwest.csv")
    before = ledger_row_counts()
    preview = run("natwest_overlap.csv", commit=False)
    assert [p.line.line_number for p in preview.skipped] == [2, 3, 4]
    assert ledger_row_counts() == before


# --- refusals: nothing written ---------------------------------------------------------------------------

def refused(run, name: str, *, content: bytes | None = None) -> ApplicationError:
    before = ledger_row_counts()
    with pytest.raises(ApplicationError) as caught:
        run(name, content=content)
    assert ledger_row_counts() == before
    return caught.value


def test_wrong_columns_are_refused_naming_the_expected_columns(run):
    error = refused(run, "unknown_columns.csv")
    assert error.code == "unknown_layout"
    assert error.message.startswith("Line 1:")
    assert "Date, Type, Description, Value, Balance, Account Name, Account Number" in error.message
    assert "Number, Date, Account, Amount, Subcategory, Memo" in error.message
    assert "Datum, Omschrijving, Bedrag, Saldo" in error.message


def test_bad_dates_are_refused_naming_each_line(run):
    error = refused(run, "bad_date.csv")
    assert "Line 3: the date '31/02/2026' is not a real date" in error.message
    assert "Line 4: the date '2026.11.04' is not in the form DD/MM/YYYY" in error.message
    assert [e["line"] for e in error.extra["errors"]] == [3, 4]


def test_bad_amounts_are_refused_naming_each_line(run):
    error = refused(run, "bad_amount.csv")
    assert "Line 3: the amount 'ninety' is not an amount of money" in error.message
    assert "Line 4: the amount '1e3' is not an amount of money" in error.message
    assert "Line 2" not in error.message


def test_an_amount_with_three_decimal_places_is_refused(run):
    error = refused(run, "three_places.csv")
    assert error.extra["errors"] == [{"line": 3, "problem": "the amount '98.605' has more than two decimal places"}]


def test_a_bad_line_anywhere_refuses_the_whole_file(run):
    good = data("natwest.csv").decode()
    content = (good + "08/11/2026,BAC,'LATE LINE ASC-100001,12.5.0,0,X,Y\n").encode()
    error = refused(run, "late.csv", content=content)
    assert error.extra["errors"] == [{"line": 10, "problem": "the amount '12.5.0' is not an amount of money"}]


@pytest.mark.parametrize("name", ["empty.csv", "headings_only.csv"])
def test_an_empty_file_is_refused(run, name):
    assert refused(run, name).code == "empty_file"


def test_a_file_that_is_not_csv_is_refused(run):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))
    error = refused(run, "photo.png", content=png)
    assert error.code == "not_csv"
    assert "not a CSV file" in error.message


def test_too_many_lines_are_refused(run):
    heading = b"Number,Date,Account,Amount,Subcategory,Memo\n"
    line = b",12/11/2026,20-32-06 13152170,1.00,Bank Credit,DONATION\n"
    error = refused(run, "huge.csv", content=heading + line * (imports.MAX_LINES + 1))
    assert error.extra["errors"][0]["line"] == imports.MAX_LINES + 2
    assert f"more than {imports.MAX_LINES:,} lines" in error.message


def test_too_large_a_file_is_refused_before_it_is_read(run):
    error = refused(run, "huge.csv", content=b"x" * (imports.MAX_FILE_BYTES + 1))
    assert error.code == "file_too_large"


def test_a_line_with_too_few_columns_is_refused(run):
    content = b"Number,Date,Account,Amount,Subcategory,Memo\n,12/11/2026,20-32-06 13152170\n"
    error = refused(run, "short.csv", content=content)
    assert error.extra["errors"][0]["line"] == 2


def test_amounts_are_parsed_as_text_never_floats():
    content = (b"Date,Type,Description,Value,Balance,Account Name,Account Number\n"
               b"02/11/2026,BAC,A,0.10,\"1,234.56\",X,1\n02/11/2026,BAC,B,-0.20,,X,1\n2026-11-03,BAC,C,0.30,,X,1\n")
    parsed = statement_parse(content=content)
    assert [line.amount for line in parsed.lines] == [Decimal("0.10"), Decimal("-0.20"), Decimal("0.30")]
    assert sum(line.amount for line in parsed.lines) == Decimal("0.20")
    assert parsed.lines[0].bank_balance == Decimal("1234.56")
    assert parsed.lines[2].date == dt.date(2026, 11, 3)


def test_an_auditor_cannot_import(run, auditor):
    from core.exceptions import PermissionDeniedError

    before = ledger_row_counts()
    with pytest.raises(PermissionDeniedError):
        run("natwest.csv", user=auditor)
    assert ledger_row_counts() == before


# --- suspense allocation -----------------------------------------------------------------------------

def test_a_suspense_line_is_allocated_to_a_client_once(run, officer, peggy):
    run("natwest.csv")
    line = StatementLine.objects.get(line_number=5)  # £50 from an unknown payer
    peggy_before, suspense_before = funds(peggy), suspense_balance()

    allocated = suspense_allocate(acting_user=officer, line=line, client=peggy, category=MoneyInCategory.GIFTS_RECEIVED)

    assert allocated.status == StatementLineStatus.ALLOCATED and allocated.client == peggy
    assert allocated.allocation.category == MoneyInCategory.GIFTS_RECEIVED
    assert funds(peggy) == peggy_before + Decimal("50.00")
    assert suspense_balance() == suspense_before - Decimal("50.00")

    before = ledger_row_counts()
    with pytest.raises(ConflictError):
        suspense_allocate(acting_user=officer, line=line, client=peggy, category=MoneyInCategory.GIFTS_RECEIVED)
    assert ledger_row_counts() == before
    assert funds(peggy) == peggy_before + Decimal("50.00")


def test_a_matched_line_cannot_be_allocated(run, officer, peggy):
    run("natwest.csv")
    before = ledger_row_counts()
    with pytest.raises(ConflictError):
        suspense_allocate(acting_user=officer, line=StatementLine.objects.get(line_number=2), client=peggy,
                          category=MoneyInCategory.OTHER_INCOME)
    assert ledger_row_counts() == before


def test_allocating_money_out_never_overdraws_the_client(run, officer, arthur):
    run("natwest.csv")
    care_home = StatementLine.objects.get(line_number=7)  # -£500; Arthur has £184.30
    before = ledger_row_counts()

    with pytest.raises(LedgerError) as caught:
        suspense_allocate(acting_user=officer, line=care_home, client=arthur, category=MoneyOutCategory.CARE_FEES)

    assert caught.value.code == "insufficient_funds"
    assert ledger_row_counts() == before
    assert StatementLine.objects.get(pk=care_home.pk).status == StatementLineStatus.SUSPENSE


def test_allocation_needs_a_category_for_the_right_direction(run, officer, peggy):
    run("natwest.csv")
    with pytest.raises(LedgerError):
        suspense_allocate(acting_user=officer, line=StatementLine.objects.get(line_number=5), client=peggy,
                          category=MoneyOutCategory.CARE_FEES)
    assert StatementLine.objects.get(line_number=5).status == StatementLineStatus.SUSPENSE


def test_an_import_record_keeps_its_history(run):
    record = run("barclays.csv").statement_import
    assert StatementImport.history.filter(id=record.pk).count() == 1


def test_each_line_keeps_its_history_attributed_as_the_import_is(run, officer):
    from core.context import Actor, acting

    with acting(Actor(user=officer, correlation_id="req-import-1")):
        record = run("natwest.csv").statement_import
    lines = StatementLine.objects.filter(statement_import=record)
    rows = StatementLine.history.filter(id__in=lines.values("id"))
    assert rows.count() == lines.count() == 8
    assert {(row.history_type, row.history_user_id, row.history_user_name, row.request_id, row.history_change_reason)
            for row in rows} == {("+", officer.pk, officer.get_full_name() or officer.username, "req-import-1",
                                  "Bank statement natwest.csv imported")}
    assert StatementImport.history.get(id=record.pk).request_id == "req-import-1"


def test_a_statement_longer_than_one_batch_posts_every_line_once(run, peggy, arthur, monkeypatch):
    from ledger import services

    monkeypatch.setattr(services, "POST_MANY_BATCH", 2)
    result = run("natwest.csv")
    posted = [line.transaction for line in StatementLine.objects.filter(statement_import=result.statement_import)]
    assert len(posted) == 8 and len({txn.pk for txn in posted}) == 8
    assert {txn.idempotency_key for txn in posted} == {p.fingerprint for p in result.lines}
    assert funds(peggy) == Decimal("230.25") - Decimal("32.10") - Decimal("40.00")
    assert pooled() == Decimal("12.45")
    assert run("natwest.csv").statement_import.lines_skipped == 8


# --- items already recorded by hand ---------------------------------------------------------------------

def test_a_line_for_an_item_already_recorded_is_matched_to_it_not_posted_again(run, officer, peggy):
    from ledger.client_money import client_payment_make, client_receipt_record

    receipt = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("230.25"),
                                    effective_date=dt.date(2026, 11, 1), category=MoneyInCategory.STATE_PENSION,
                                    idempotency_key="hand-receipt")
    confirmed(receipt)  # by a second officer, so the water bill can be paid from it before the statement comes
    water = client_payment_make(acting_user=officer, client=peggy, amount=Decimal("32.10"),
                                effective_date=dt.date(2026, 11, 2), category=MoneyOutCategory.WATER,
                                payee="Anglian Water", reference="WTR 55120", idempotency_key="hand-payment")
    # Recorded too long before the bank line (more than EXPECTED_WINDOW_DAYS) to be it.
    old = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("20.00"),
                                effective_date=dt.date(2026, 10, 1), category=MoneyInCategory.GIFTS_RECEIVED,
                                idempotency_key="hand-old")
    transactions = Transaction.objects.count()

    preview = run("natwest.csv", commit=False)
    assert [p.existing for p in preview.matched if p.existing] == [receipt, water.transaction]
    result = run("natwest.csv")

    lines = {line.line_number: line for line in StatementLine.objects.filter(statement_import=result.statement_import)}
    assert lines[2].transaction == receipt and lines[2].status == StatementLineStatus.MATCHED
    assert lines[4].transaction == water.transaction
    assert Transaction.objects.count() == transactions + 6  # lines 3, 5, 6, 7, 8 and 9; not 2 or 4
    assert funds(peggy) == Decimal("20.00") + Decimal("230.25") - Decimal("32.10") - Decimal("40.00")
    assert lines[8].transaction.idempotency_key == lines[8].fingerprint  # the card top-ups were new
    # The old receipt is still the officer's word alone: not available until someone confirms it.
    assert [r.transaction for r in receipts_to_confirm(client=peggy)] == [old]
    assert available_funds(client=peggy) == funds(peggy) - Decimal("20.00")


def test_a_receipt_recorded_by_hand_becomes_available_when_a_bank_line_matches_it(run, officer, peggy):
    from ledger.client_money import client_receipt_record

    receipt = client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("230.25"),
                                    effective_date=dt.date(2026, 11, 1), category=MoneyInCategory.STATE_PENSION,
                                    idempotency_key="hand-receipt")
    assert [r.transaction for r in receipts_to_confirm(client=peggy)] == [receipt]
    assert available_funds(client=peggy) == 0

    run("natwest.csv")

    assert StatementLine.objects.get(transaction=receipt).status == StatementLineStatus.MATCHED
    assert not receipts_to_confirm(client=peggy).exists()
    assert available_funds(client=peggy) == funds(peggy)
