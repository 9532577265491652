"""The Standard 18 writer, read back by an independent reader of the published layout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debt_recovery.directdebits.standard18 import Line, Originator, Standard18Error, auddis_file, collections_file
from tests.debt_recovery.directdebits.bacs_reader import read, totals

COUNCIL = Originator(service_user_number="999123", name="Northshire Council ASC", sort_code="200000",
                     account_number="12345678")
DAY = dt.date(2026, 12, 7)


def _line(code="01", amount="42.50", **kw):
    return Line(sort_code=kw.get("sort", "309457"), account_number=kw.get("account", "00123456"), code=code,
                amount=Decimal(amount), reference=kw.get("reference", "D000012-01"),
                payer_name=kw.get("name", "Mrs Jean O'Brien"))


def test_a_collection_record_puts_each_field_where_the_layout_says():
    rows = read(collections_file(originator=COUNCIL, lines=[_line("17", "1234.56")], processing_day=DAY))
    first = rows[0]
    assert (first["dest_sort"], first["dest_account"], first["account_type"], first["code"]) == (
        "309457", "00123456", "0", "17")
    assert (first["orig_sort"], first["orig_account"]) == ("200000", "12345678")
    assert first["pence"] == "00000123456" and first["amount"] == Decimal("1234.56")
    assert first["user_name"] == "NORTHSHIRE COUNCIL"  # cut to 18, upper case
    assert first["reference"].rstrip() == "D000012-01"
    assert first["dest_name"].rstrip() == "MRS JEAN OBRIEN"  # the apostrophe is not a Bacs character
    assert first["processing"] == " 26341" and first["processing_day"] == DAY


@given(st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2), min_size=1,
                max_size=30))
def test_the_contra_credits_the_council_with_exactly_the_debits(amounts):
    lines = [_line("01", str(a), reference=f"D{n:06d}-01") for n, a in enumerate(amounts)]
    rows = read(collections_file(originator=COUNCIL, lines=lines, processing_day=DAY))
    t = totals(rows)
    assert t["debits"] == len(amounts) and t["contras"] == 1
    assert t["debit_total"] == t["contra_total"] == sum(amounts)
    contra = rows[-1]
    assert (contra["dest_sort"], contra["dest_account"], contra["reference"].rstrip()) == ("200000", "12345678",
                                                                                         "CONTRA")


def test_an_auddis_file_has_instructions_with_no_amount_and_no_contra():
    rows = read(auddis_file(originator=COUNCIL, lines=[_line("0N", "0"), _line("0C", "0", reference="D000013-01")],
                            processing_day=DAY))
    assert [r["code"] for r in rows] == ["0N", "0C"]
    assert all(r["pence"] == "0" * 11 for r in rows)


@pytest.mark.parametrize("line, message", [
    (_line(sort="30945"), "sort code"),
    (_line(account="1234567x"), "account number"),
    (_line(amount="1.005"), "whole number of pence"),
    (_line(code="0N", amount="0"), "debit code"),
])
def test_bad_lines_are_refused(line, message):
    with pytest.raises(Standard18Error, match=message):
        collections_file(originator=COUNCIL, lines=[line], processing_day=DAY)


def test_an_auddis_instruction_with_an_amount_is_refused():
    with pytest.raises(Standard18Error):
        auddis_file(originator=COUNCIL, lines=[_line("0N", "10.00")], processing_day=DAY)
