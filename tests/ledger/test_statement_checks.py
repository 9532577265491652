"""A statement must be of the council's client bank account and follow on from the last one imported:
otherwise it is refused and nothing is written. A gap since the last statement is shown in the preview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from core.exceptions import ApplicationError
from ledger.imports import statement_import
from ledger.models import StatementImport
from ledger.statements.account_checks import account_of
from tests.ledger.statements import data

NATWEST = "Date,Type,Description,Value,Balance,Account Name,Account Number\n"
ACCOUNT = "CLIENT MONEY POOLED,'600000-12345678"


def ledger_row_counts() -> dict[str, int]:
    return {model._meta.db_table: model.objects.count() for model in apps.get_app_config("ledger").get_models()}


@pytest.fixture
def run(officer, clients):
    def do(name: str, *, content: bytes | None = None, commit=True):
        return statement_import(acting_user=officer, file_name=name, content=data(name) if content is None else content,
                                commit=commit)
    return do


def refused(run, name, content=None) -> ApplicationError:
    before = ledger_row_counts()
    with pytest.raises(ApplicationError) as caught:
        run(name, content=content)
    assert ledger_row_counts() == before
    return caught.value


@pytest.mark.parametrize("text, sort_code, expected", [
    ("'600000-12345678", "", ("600000", "12345678")),
    ("20-32-06 13152170", "", ("203206", "13152170")),
    ("309999-12345678 GBP", "", ("309999", "12345678")),
    ("GB29 NWBK 6016 1331 9268 19", "", ("601613", "31926819")),
    ("12345678", "'30-99-50", ("309950", "12345678")),
    ("'543210******1234", "", None),
    ("12345678", "", None),
])
def test_the_account_a_statement_names(text, sort_code, expected):
    assert account_of(text, sort_code=sort_code) == expected


def test_a_statement_of_another_account_is_refused_and_writes_nothing(run, pooled_bank):
    pooled_bank.bank_sort_code, pooled_bank.bank_account_number = "600000", "87654321"
    pooled_bank.save()
    error = refused(run, "natwest.csv")
    assert error.code == "wrong_account"
    assert "account 60-00-00 12345678, not the council's client bank account (60-00-00 87654321)" in error.message


def test_a_statement_of_the_right_account_imports(run, pooled_bank):
    pooled_bank.bank_sort_code, pooled_bank.bank_account_number = "600000", "12345678"
    pooled_bank.save()
    result = run("natwest.csv")
    assert len(result.lines) == 8
    assert not any("could not be checked" in warning for warning in result.warnings)


def test_a_lloyds_statement_is_checked_by_its_sort_code_column(run, pooled_bank):
    pooled_bank.bank_sort_code, pooled_bank.bank_account_number = "309950", "99999999"
    pooled_bank.save()
    assert refused(run, "lloyds.csv").code == "wrong_account"


def test_an_account_not_recorded_is_said_in_the_preview(run):
    preview = run("natwest.csv", commit=False)
    assert ("The file is of account 60-00-00 12345678. The client bank account's sort code and number are not "
            "recorded, so this could not be checked.") in preview.warnings


def test_the_import_records_the_statements_dates_and_balances(run):
    record = run("natwest.csv").statement_import
    record = StatementImport.objects.get(pk=record.pk)
    # natwest.csv: 02/11 to 07/11; opens at 0.00 (230.25 - 230.25), closes at 12.45.
    assert (record.first_date, record.last_date) == (dt.date(2026, 11, 2), dt.date(2026, 11, 7))
    assert (record.opening_balance, record.closing_balance) == (Decimal("0.00"), Decimal("12.45"))


def test_a_statement_that_does_not_follow_on_is_refused_and_writes_nothing(run):
    run("natwest.csv")  # closes at 12.45 on 07/11/2026
    content = (NATWEST + f"09/11/2026,BAC,'GIFT,5.00,105.00,{ACCOUNT}\n").encode()  # opens at 100.00
    error = refused(run, "next.csv", content)
    assert error.code == "broken_chain"
    assert "opens at £100.00 on 09/11/2026" in error.message and "closed at £12.45 on 07/11/2026" in error.message


def test_a_statement_that_follows_on_after_a_gap_imports_and_the_gap_is_shown(run):
    run("natwest.csv")
    content = (NATWEST + f"10/11/2026,BAC,'GIFT,5.00,17.45,{ACCOUNT}\n").encode()  # opens at 12.45
    preview = run("next.csv", content=content, commit=False)
    assert ("No statement has been imported for 08/11/2026 to 09/11/2026: the last one (natwest.csv) ended on "
            "07/11/2026.") in preview.warnings
    assert run("next.csv", content=content).statement_import.opening_balance == Decimal("12.45")


def test_running_balances_that_do_not_add_up_are_warned_of(run):
    content = (NATWEST + f"02/11/2026,BAC,'A,1.00,1.00,{ACCOUNT}\n03/11/2026,BAC,'B,2.00,4.00,{ACCOUNT}\n").encode()
    preview = run("odd.csv", content=content, commit=False)
    assert any("do not add up at line 3" in warning for warning in preview.warnings)
