"""Each built-in layout reads a sample file made to the bank's layout exactly. The expected figures were
worked out by hand from the sample files (tests/ledger/data), not by the reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from ledger.imports import statement_parse
from ledger.statements.layouts import LAYOUTS
from tests.ledger.statements import data

D = Decimal

# file, layout, lines, money in, money out, first date, last date
SAMPLES = [
    ("natwest.csv", "natwest", 8, D("584.55"), D("572.10"), dt.date(2026, 11, 2), dt.date(2026, 11, 7)),
    ("barclays.csv", "barclays", 4, D("185.60"), D("40.00"), dt.date(2026, 11, 12), dt.date(2026, 11, 15)),
    ("lloyds.csv", "lloyds", 4, D("414.55"), D("32.80"), dt.date(2026, 11, 2), dt.date(2026, 11, 10)),
    ("lloyds_commercial.csv", "lloyds_commercial", 3, D("1345.50"), D("3400.00"), dt.date(2026, 11, 1),
     dt.date(2026, 11, 2)),
    ("nationwide.csv", "nationwide", 4, D("562.25"), D("32.25"), dt.date(2026, 11, 1), dt.date(2026, 11, 9)),
    ("starling.csv", "starling", 3, D("242.25"), D("500.00"), dt.date(2026, 11, 3), dt.date(2026, 11, 5)),
    ("monzo.csv", "monzo", 3, D("230.25"), D("93.20"), dt.date(2026, 11, 2), dt.date(2026, 11, 6)),
    # 230.25 + 184.30 + 1250.00 in; 32.10 + 40.00 out.
    ("barclays_net.csv", "barclays_net", 5, D("1664.55"), D("72.10"), dt.date(2026, 11, 2), dt.date(2026, 11, 6)),
    # NatWest Bankline, no headings, by field position: 230.25 + 184.30 + 1250.00 credits; 32.10 + 40.00 debits.
    ("bankline.csv", "bankline", 5, D("1664.55"), D("72.10"), dt.date(2026, 11, 2), dt.date(2026, 11, 9)),
    # Santander's text download, newest first: 230.25 + 184.30 + 1250.00 in; 32.10 + 40.00 out.
    ("santander.txt", "santander_txt", 5, D("1664.55"), D("72.10"), dt.date(2026, 11, 2), dt.date(2026, 11, 9)),
]


@pytest.mark.parametrize("name, code, count, money_in, money_out, first, last", SAMPLES)
def test_each_built_in_layout_reads_its_sample_exactly(db, name, code, count, money_in, money_out, first, last):
    # db: a file with lines above its headings is also tried against the layouts team leaders mapped.
    parsed = statement_parse(content=data(name))
    assert parsed.layout.code == code
    assert len(parsed.lines) == count
    assert sum(line.amount for line in parsed.lines if line.amount > 0) == money_in
    assert -sum(line.amount for line in parsed.lines if line.amount < 0) == money_out
    # Applied oldest first, whatever the file's order.
    assert (parsed.lines[0].date, parsed.lines[-1].date) == (first, last)
    assert [line.date for line in parsed.lines] == sorted(line.date for line in parsed.lines)


def test_every_layout_names_its_source():
    assert all(layout.source for layout in LAYOUTS)
    assert len({layout.code for layout in LAYOUTS}) == len(LAYOUTS)


def test_lloyds_debit_and_credit_columns_and_apostrophe_sort_code():
    lines = statement_parse(content=data("lloyds.csv")).lines
    assert [(line.line_number, line.amount) for line in lines] == [
        (5, D("-0.70")), (4, D("230.25")), (3, D("184.30")), (2, D("-32.10"))]
    assert lines[0].bank_type == "CHQ"


def test_nationwide_details_above_the_headings_pound_signs_and_named_months(db):
    parsed = statement_parse(content=data("nationwide.csv"))
    assert parsed.lines[0].line_number == 6
    assert parsed.lines[0].bank_balance == D("1230.25")
    assert "below 4 lines of account details" not in parsed.reason  # the blank line is not a detail
    assert "below 3 lines of account details" in parsed.reason


def test_monzo_reads_the_amount_in_pounds_not_the_local_amount():
    lines = statement_parse(content=data("monzo.csv")).lines
    assert lines[1].amount == D("-13.20")
    assert lines[1].description == "Boots BOOTS ASC-100001" and lines[1].reference == "tx_0000A2"


@pytest.mark.parametrize("content", [
    b"Date,Counter Party,Reference,Type,Amount (EUR),Balance (EUR),Spending Category,Notes\n"
    b"03/11/2026,X,Y,CARD,-1.00,1.00,GENERAL,\n",
    b"Post Date,Account Number,Account Name,Type,Amount,Customer Reference,Transaction Detail,Balance\n"
    b"01/11/2026,309999-12345678 EUR,POOLED,BACS Credit,1.00,R,D,1.00\n",
    b"Transaction ID,Date,Type,Name,Amount,Currency,Description\ntx_1,02/11/2026,Card,X,-1.00,USD,X\n",
])
def test_a_foreign_currency_export_of_a_built_in_layout_is_refused(db, content):
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert caught.value.code == "foreign_currency"


def test_a_newest_first_lloyds_export_imports_oldest_first(officer, clients, peggy, arthur):
    from ledger.imports import statement_import

    result = statement_import(acting_user=officer, file_name="lloyds.csv", content=data("lloyds.csv"), commit=True)
    assert result.layout == "lloyds"
    # The water bill (line 2, 10/11) is paid from the pension that came in on 03/11 (line 4): matched.
    assert sorted(p.line.line_number for p in result.matched) == [2, 3, 4]
    assert [p.line.line_number for p in result.suspense] == [5]  # the cheque names no client
    assert result.statement_import.lines_total == 4


def test_barclays_net_title_line_two_digit_years_account_and_sort_code_columns(db):
    parsed = statement_parse(content=data("barclays_net.csv"))
    assert "below 1 line of account details" in parsed.reason or "below 1 lines of account details" in parsed.reason
    assert parsed.accounts == frozenset({("600000", "12345678")})
    assert [(line.line_number, line.amount) for line in parsed.lines] == [
        (3, D("230.25")), (4, D("-32.10")), (5, D("184.30")), (6, D("-40.00")), (7, D("1250.00"))]
    cheque = parsed.lines[3]
    assert (cheque.reference, cheque.bank_type, cheque.description) == ("000123", "CHQ",
                                                                        "HIGH STREET PHARMACY ASC-100001")


def test_a_barclays_net_export_of_a_euro_account_is_refused(db):
    content = data("barclays_net.csv").replace(b'"GBP"', b'"EUR"')
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert caught.value.code == "foreign_currency"


def test_santander_text_download_is_read_oldest_first_with_its_balances(db):
    parsed = statement_parse(content=data("santander.txt"))
    # The blocks start on lines 5, 10, 15, 20 and 25, newest first; applied oldest first, and the day's
    # lines (3 November) in the order the running balances chain.
    assert [(line.line_number, line.amount) for line in parsed.lines] == [
        (25, D("230.25")), (20, D("184.30")), (15, D("-32.10")), (10, D("-40.00")), (5, D("1250.00"))]
    assert parsed.lines[0].description == "BANK GIRO CREDIT REF DWP STATE PENSION ASC-100001"
    # Opening: the oldest line's balance 1,252.20 less its 230.25; closing: the newest line's balance.
    assert (parsed.opening_balance, parsed.closing_balance) == (D("1021.95"), D("2614.40"))
    assert parsed.accounts == frozenset()  # Santander masks the account number


def test_santander_text_download_problems_name_the_line(db):
    content = data("santander.txt").replace(b"-32.10", b"-32.1O").replace(b"06/11/2026", b"31/11/2026")
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert "Line 10: the date '31/11/2026' is not a real date" in caught.value.message
    assert "Line 15: the amount '-32.1O' is not an amount of money" in caught.value.message


def test_santander_text_download_in_euros_is_refused(db):
    content = data("santander.txt").replace(b"1250.00\xa0", b"1250.00 EUR")
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert caught.value.code == "foreign_currency"


def test_bankline_is_read_by_field_position_past_lines_above_its_data(db):
    content = b"Bankline statement export,,\r\n" + data("bankline.csv")
    parsed = statement_parse(content=content)
    assert parsed.layout.code == "bankline"
    assert "from line 2, below 1 line of account details" in parsed.reason and "read by position" in parsed.reason
    assert parsed.accounts == frozenset({("600000", "12345678")})
    assert [(line.line_number, line.amount, line.bank_type) for line in parsed.lines] == [
        (2, D("230.25"), "BAC"), (3, D("-32.10"), "D/D"), (4, D("184.30"), "BAC"), (5, D("-40.00"), "CHQ"),
        (6, D("1250.00"), "BAC")]
    assert parsed.lines[3].description == "000123"  # a cheque's description is its number


def test_a_bankline_line_short_of_fields_is_named(db):
    content = data("bankline.csv").replace(b",,,,,D/D,32.10,", b",,,,,D/D")
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert "Line 2: the line has 16 columns; the layout needs 18" in caught.value.message


def test_a_bankline_export_of_a_euro_account_is_refused(db):
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=data("bankline.csv").replace(b",GBP,", b",EUR,"))
    assert caught.value.code == "foreign_currency"
