"""BAI2, MT940 and camt.053 statements: each sample file (tests/ledger/data/statement.*) is made to the
format's published layout and holds the same three lines: 03/11/2026 £230.25 in, 04/11/2026 £184.30 in,
05/11/2026 £32.10 out, opening at £12.45 and closing at £394.90 (12.45 + 230.25 + 184.30 - 32.10, by hand).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from core.exceptions import ApplicationError
from ledger.imports import statement_import, statement_parse
from tests.ledger.statements import data

D = Decimal
FILES = [("statement.bai2", "bai2"), ("statement.mt940", "mt940"), ("statement.camt053.xml", "camt053")]


def ledger_row_counts() -> dict[str, int]:
    return {model._meta.db_table: model.objects.count() for model in apps.get_app_config("ledger").get_models()}


@pytest.mark.parametrize("name, code", FILES)
def test_each_structured_format_reads_its_sample_exactly(name, code):
    parsed = statement_parse(content=data(name))
    assert parsed.layout.code == code
    assert len(parsed.lines) == 3
    assert sum(line.amount for line in parsed.lines if line.amount > 0) == D("414.55")
    assert -sum(line.amount for line in parsed.lines if line.amount < 0) == D("32.10")
    assert (parsed.lines[0].date, parsed.lines[-1].date) == (dt.date(2026, 11, 3), dt.date(2026, 11, 5))
    assert (parsed.opening_balance, parsed.closing_balance) == (D("12.45"), D("394.90"))
    assert parsed.accounts == frozenset([("600000", "12345678")])
    assert "ASC-100002" in parsed.lines[1].description


def test_a_camt_entry_not_yet_booked_is_skipped_and_said_so():
    parsed = statement_parse(content=data("statement.camt053.xml"))
    assert parsed.notes == ["Entry 4 is not booked (PDNG); it was skipped."]


@pytest.mark.parametrize("name, code", FILES)
def test_a_structured_statement_imports(officer, clients, peggy, name, code):
    result = statement_import(acting_user=officer, file_name=name, content=data(name), commit=True)
    assert result.layout == code
    assert len(result.matched) == 3 and result.suspense == []
    assert result.statement_import.closing_balance == D("394.90")


@pytest.mark.parametrize("name, edit", [
    ("statement.mt940", (":62F:C261105GBP394,90", ":62F:C261105GBP394,99")),
    ("statement.camt053.xml", ("<Amt Ccy=\"GBP\">394.90</Amt>", "<Amt Ccy=\"GBP\">400.00</Amt>")),
])
def test_balances_that_do_not_agree_with_the_lines_are_refused(officer, clients, name, edit):
    content = data(name).decode().replace(*edit).encode()
    before = ledger_row_counts()
    with pytest.raises(ApplicationError) as caught:
        statement_import(acting_user=officer, file_name=name, content=content, commit=True)
    assert caught.value.code == "balances_do_not_agree"
    assert ledger_row_counts() == before


@pytest.mark.parametrize("name, edit", [
    ("statement.mt940", ("GBP", "EUR")),
    ("statement.camt053.xml", ('Ccy="GBP"', 'Ccy="EUR"')),
    ("statement.bai2", (",GBP,", ",EUR,")),
])
def test_a_structured_statement_in_another_currency_is_refused(name, edit):
    content = data(name).decode().replace(*edit).encode()
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert caught.value.code == "foreign_currency"


def test_a_bai2_file_whose_control_totals_are_wrong_is_refused():
    content = data("statement.bai2").decode().replace("49,48540,3/", "49,48541,3/").encode()
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert "BAI2 file cannot be read" in caught.value.message


def test_xml_with_entities_is_refused_without_expanding_them():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><x>&b;</x></Document>')
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=bomb)
    assert "camt.053 file cannot be read" in caught.value.message
