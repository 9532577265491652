"""What real exports carry: the reader's tolerance, the order of a newest-first export, the statements it
refuses (credit cards, foreign currency, formats it cannot read) and the warnings a preview shows.

Figures are worked out by hand in each test. Peggy Thornton is ASC-100001 (North team, visible to Olivia).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from core.exceptions import ApplicationError
from ledger.choices import Purpose
from ledger.imports import statement_import, statement_parse
from ledger.models import Account
from ledger.selectors import account_balance
from ledger.statements import checks
from ledger.statements.csv_reader import read_csv
from ledger.statements.layouts import Layout
from ledger.statements.values import parse_date, parse_money

NATWEST = "Date,Type,Description,Value,Balance,Account Name,Account Number\n"
ACCOUNT = "CLIENT MONEY POOLED,'600000-12345678"


def ledger_row_counts() -> dict[str, int]:
    return {model._meta.db_table: model.objects.count() for model in apps.get_app_config("ledger").get_models()}


def funds(client) -> Decimal:
    account = Account.objects.filter(client=client, purpose=Purpose.CLIENT_FUNDS).first()
    return account_balance(account=account) if account else Decimal("0.00")


# --- dates and amounts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("13/03/2023", dt.date(2023, 3, 13)), ("13/03/23", dt.date(2023, 3, 13)), ("13 Mar 2023", dt.date(2023, 3, 13)),
    ("13-Mar-2023", dt.date(2023, 3, 13)), ("13 March 2023", dt.date(2023, 3, 13)), ("2023-03-13", dt.date(2023, 3, 13)),
    ("3 Sept 23", dt.date(2023, 9, 3)), ("13.03.2023", dt.date(2023, 3, 13)), ("'01/12/2026", dt.date(2026, 12, 1)),
])
def test_dates_as_uk_banks_write_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["03/13/2023", "13 Smarch 2023", "2023/03/13", "13/03/2023 x", "31 Feb 2023"])
def test_dates_that_are_not_dates_are_refused(text):
    assert isinstance(parse_date(text), str)


@pytest.mark.parametrize("text, expected", [
    (".54", Decimal("0.54")), ("-.54", Decimal("-0.54")), ("£.54", Decimal("0.54")), ("-£1,234.50", Decimal("-1234.50")),
    ("£-3", Decimal("-3.00")), ("+7.1", Decimal("7.10")), ("'12.00", Decimal("12.00")),
])
def test_amounts_as_uk_banks_write_them(text, expected):
    assert parse_money(text, what="amount") == expected


@pytest.mark.parametrize("text", [".", "-", "£", "1.2.3", "--1", "-£-1", ".5.4", "1e3"])
def test_amounts_that_are_not_money_are_refused(text):
    assert isinstance(parse_money(text, what="amount"), str)


def test_a_statement_with_new_date_and_amount_forms_reads_every_line():
    content = (NATWEST + f"13 Mar 2023,BAC,A,.54,.54,{ACCOUNT}\n14/03/23,POS,B,-.50,0.04,{ACCOUNT}\n").encode()
    parsed = statement_parse(content=content)
    assert [(line.date, line.amount, line.bank_balance) for line in parsed.lines] == [
        (dt.date(2023, 3, 13), Decimal("0.54"), Decimal("0.54")), (dt.date(2023, 3, 14), Decimal("-0.50"), Decimal("0.04"))]


# --- what surrounds the lines ------------------------------------------------------------------------------

def test_account_details_above_the_headings_and_trailing_empty_columns_are_read_past(db):
    content = ("Account Name:,CLIENT MONEY POOLED,,\nSort code:,60-00-00,,\nAccount number:,'12345678,,\n\n"
               + NATWEST.rstrip("\n") + ",,\n"
               + f"02/11/2026,BAC,'DWP PIP ASC-100001,184.30,184.30,{ACCOUNT},,\n"
               + f"03/11/2026,D/D,'WATER,-10.00,174.30,{ACCOUNT},,\n").encode()
    parsed = statement_parse(content=content)
    assert [line.line_number for line in parsed.lines] == [6, 7]  # the file's own line numbers
    assert sum(line.amount for line in parsed.lines) == Decimal("174.30")
    assert "on line 5, below 3 lines of account details" in parsed.reason
    assert "NatWest" in parsed.reason


def test_a_balance_only_line_is_skipped_and_said_so():
    content = (NATWEST + f"01/11/2026,,BALANCE BROUGHT FORWARD,,500.00,{ACCOUNT}\n"
               + f"02/11/2026,BAC,'REFUND,25.00,525.00,{ACCOUNT}\n").encode()
    parsed = statement_parse(content=content)
    assert [line.line_number for line in parsed.lines] == [3]
    assert parsed.notes == ["Line 2 gives the account's balance, not money in or out (BALANCE BROUGHT FORWARD); "
                            "it was skipped."]


def test_a_line_with_no_amount_and_no_balance_is_still_refused():
    content = (NATWEST + f"02/11/2026,BAC,'REFUND,,,{ACCOUNT}\n").encode()
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=content)
    assert caught.value.extra["errors"] == [{"line": 2, "problem": "there is no amount"}]


IN_OUT = Layout(code="inout", label="Test bank", columns=("Date", "Details", "Paid in", "Paid out", "Balance"),
                date="Date", description="Details", money_in="Paid in", money_out="Paid out", balance="Balance")


def test_separate_money_in_and_money_out_columns():
    text = ("Date,Details,Paid in,Paid out,Balance\n01/11/2026,PENSION,100.00,,100.00\n"
            "02/11/2026,CARE HOME,,40.00,60.00\n03/11/2026,SHOP,,-.50,59.50\n")
    parsed = read_csv(text, sha256="x", max_lines=10, max_errors=10, layouts=(IN_OUT,))
    assert [line.amount for line in parsed.lines] == [Decimal("100.00"), Decimal("-40.00"), Decimal("-0.50")]


def test_a_line_with_money_both_in_and_out_is_refused():
    text = "Date,Details,Paid in,Paid out,Balance\n01/11/2026,ODD,1.00,2.00,3.00\n"
    with pytest.raises(ApplicationError) as caught:
        read_csv(text, sha256="x", max_lines=10, max_errors=10, layouts=(IN_OUT,))
    assert caught.value.extra["errors"] == [{"line": 2, "problem": "the line has both money in and money out"}]


# --- the order money moved in ------------------------------------------------------------------------------

def test_a_newest_first_export_is_applied_oldest_first_so_a_days_receipt_pays_its_payment(officer, clients, peggy):
    # NatWest lists the newest line first. On 06/11 £100 came in for Peggy and then £80 went out: read in
    # file order the payment would be checked first against £0 and go to suspense as a false overdraft.
    content = (NATWEST
               + f"07/11/2026,POS,'CHEMIST ASC-100001,-5.00,15.00,{ACCOUNT}\n"
               + f"06/11/2026,FPO,'CARE HOME ASC-100001,-80.00,20.00,{ACCOUNT}\n"
               + f"06/11/2026,BAC,'DWP STATE PENSION ASC-100001,100.00,100.00,{ACCOUNT}\n").encode()
    result = statement_import(acting_user=officer, file_name="newest.csv", content=content, commit=True)
    assert result.suspense == []
    assert [p.line.line_number for p in result.matched] == [4, 3, 2]
    assert funds(peggy) == Decimal("15.00")
    assert "newest lines first" in " ".join(result.notes)


def test_a_newest_first_barclays_export_without_balances_follows_the_banks_order(officer, clients, peggy):
    # Barclays' export has no running balance and lists the newest line first: on 14/11 £100 came in for
    # Peggy and then £80 went out, listed payment first. Applied in the bank's order turned round, the
    # receipt is there before the payment, which is not a false overdraft.
    content = (b"Number,Date,Account,Amount,Subcategory,Memo\n"
               b",15/11/2026,20-32-06 13152170,-5.00,Debit Card,CHEMIST ASC-100001\n"
               b",14/11/2026,20-32-06 13152170,-80.00,Faster Payment,CARE HOME ASC-100001\n"
               b",14/11/2026,20-32-06 13152170,100.00,Bank Credit,DWP STATE PENSION ASC-100001\n")
    result = statement_import(acting_user=officer, file_name="barclays-newest.csv", content=content, commit=True)
    assert result.suspense == []
    assert [p.line.line_number for p in result.matched] == [4, 3, 2]
    assert funds(peggy) == Decimal("15.00")


def test_a_days_lines_are_put_in_running_balance_order():
    # All on one day, the payment listed before the receipt it needed; balances show the receipt came first.
    content = (NATWEST + f"06/11/2026,FPO,'OUT,-80.00,20.00,{ACCOUNT}\n"
               + f"06/11/2026,BAC,'IN,100.00,100.00,{ACCOUNT}\n"
               + f"06/11/2026,POS,'LATER,-5.00,15.00,{ACCOUNT}\n").encode()
    parsed = statement_parse(content=content)
    assert [line.line_number for line in parsed.lines] == [3, 2, 4]
    assert [line.order for line in parsed.lines] == [0, 1, 2]


def test_without_balances_a_one_day_file_follows_the_banks_documented_order():
    lines = [statement_parse(content=(NATWEST + f"06/11/2026,FPO,'OUT,-80.00,,{ACCOUNT}\n"
                                      + f"06/11/2026,BAC,'IN,100.00,,{ACCOUNT}\n").encode()).lines]
    assert [line.line_number for line in lines[0]] == [3, 2]  # NatWest documents newest first
    oldest_first, _ = checks.order_lines(lines[0][::-1], newest_first=False)
    assert [line.line_number for line in oldest_first] == [2, 3]


# --- statements that are refused ---------------------------------------------------------------------------

def refused(officer, content: bytes) -> ApplicationError:
    before = ledger_row_counts()
    with pytest.raises(ApplicationError) as caught:
        statement_import(acting_user=officer, file_name="refused.csv", content=content, commit=True)
    assert ledger_row_counts() == before
    return caught.value


def test_a_credit_card_export_with_a_current_accounts_headings_is_refused(officer, clients):
    content = (NATWEST + "02/11/2026,Purchase,'TESCO STORES,12.50,412.50,MASTERCARD,'543210******1234\n").encode()
    error = refused(officer, content)
    assert error.code == "card_statement"
    assert "credit-card statement" in error.message and "'543210******1234' is a card number" in error.message


def test_a_card_statement_named_in_its_account_details_is_refused(officer, clients):
    content = ("Account:,Business Credit Card\n" + NATWEST + f"02/11/2026,BAC,'X,1.00,1.00,{ACCOUNT}\n").encode()
    assert refused(officer, content).code == "card_statement"


def test_a_foreign_currency_statement_is_refused(officer, clients):
    content = ("Account currency:,EUR\n" + NATWEST + f"02/11/2026,BAC,'X,1.00,1.00,{ACCOUNT}\n").encode()
    error = refused(officer, content)
    assert error.code == "foreign_currency"
    assert "in EUR" in error.message and "pounds sterling" in error.message


def test_an_xml_statement_is_refused_naming_its_format_not_repeating_it(officer, clients):
    # camt.052 (an intraday report) is not read; camt.053 is (test_statement_formats).
    xml = (b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02">'
           b"<BkToCstmrAcctRpt><GrpHdr><MsgId>SECRET-MSG-1</MsgId></GrpHdr></BkToCstmrAcctRpt></Document>")
    error = refused(officer, xml)
    assert error.code == "unsupported_format"
    assert "This file is an XML or HTML file" in error.message
    assert "<" not in error.message and "SECRET-MSG-1" not in error.message
    assert "NatWest" in error.message and "Barclays" in error.message


def test_a_camt053_file_without_a_statement_is_refused_without_repeating_it(officer, clients):
    xml = (b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
           b"<BkToCstmrStmt><GrpHdr><MsgId>SECRET-MSG-1</MsgId></GrpHdr></BkToCstmrStmt></Document>")
    error = refused(officer, xml)
    assert "holds 0 statements" in error.message
    assert "<" not in error.message and "SECRET-MSG-1" not in error.message


def test_an_unknown_layout_is_refused_listing_only_what_is_supported(officer, clients):
    error = refused(officer, b"Transaction Date,Transaction Type,Sort Code,Account Number\n01/11/2026,DEB,'30-00-00,1\n")
    assert error.code == "unknown_layout"
    # Lloyds is named only with the headings its export really has.
    assert "Lloyds' 'Value' export" not in error.message
    assert "Lloyds (also Halifax, Bank of Scotland and TSB) (Transaction Date, Transaction Type" in error.message
    # The officer is told how a bank that is not built in is added: mapped in the browser by a team leader.
    assert ("ask a client affairs team leader to map your bank's layout in the browser (Client money, Bank "
            "statements, Add a bank's statement layout)") in error.message


# --- warnings in the preview -------------------------------------------------------------------------------

def test_a_future_dated_line_is_warned_of_in_the_preview(officer, clients):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    content = (NATWEST + f"{tomorrow:%d/%m/%Y},BAC,'X,1.00,1.00,{ACCOUNT}\n").encode()
    preview = statement_import(acting_user=officer, file_name="f.csv", content=content, commit=False)
    assert (f"1 line is dated in the future: line 2 ({tomorrow:%d/%m/%Y}). A bank does not export lines that have "
            "not happened: check the file is the bank's own export.") in preview.warnings


def test_a_file_whose_every_line_appears_twice_is_warned_of(officer, clients):
    once = f"02/11/2026,BAC,'A,1.00,1.00,{ACCOUNT}\n03/11/2026,BAC,'B,2.00,3.00,{ACCOUNT}\n"
    doubled = statement_import(acting_user=officer, file_name="d.csv", content=(NATWEST + once + once).encode(),
                               commit=False)
    assert len(twice(doubled)) == 1
    single = statement_import(acting_user=officer, file_name="s.csv", content=(NATWEST + once).encode(), commit=False)
    assert twice(single) == [] and len(single.warnings) == 1  # only that the account could not be checked
    # Two genuine identical payments on a day have different running balances: no warning.
    genuine = (NATWEST + f"02/11/2026,POS,'TOP UP,-1.00,9.00,{ACCOUNT}\n02/11/2026,POS,'TOP UP,-1.00,8.00,{ACCOUNT}\n")
    assert twice(statement_import(acting_user=officer, file_name="g.csv", content=genuine.encode(), commit=False)) == []


def twice(preview) -> list[str]:
    return [warning for warning in preview.warnings if "appears twice" in warning]


def test_the_preview_names_the_layout_and_why(officer, clients):
    content = (NATWEST + f"02/11/2026,BAC,'A,1.00,1.00,{ACCOUNT}\n").encode()
    preview = statement_import(acting_user=officer, file_name="p.csv", content=content, commit=False)
    assert preview.layout == "natwest" and preview.layout_label.startswith("NatWest")
    assert preview.layout_reason.startswith("The headings on line 1 are those of NatWest")
