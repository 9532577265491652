"""The payment run's files read back by readers written from the published layouts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deputyship.payruns.files import CSV_LAYOUTS, Payment, bacs_payment_file, bulk_csv
from ledger.bacs_standard18 import Originator, Standard18Error
from tests.deputyship.payruns.bacs_reader import read

COUNCIL = Originator(service_user_number="999123", name="Northshire Council ASC", sort_code="600000",
                     account_number="12345678")
DAY = dt.date(2026, 12, 9)
PAYMENTS = [Payment("309457", "00123456", "Oak Lodge Care Home Ltd", Decimal("1234.56"), "ASC-200001 OCT"),
            Payment("200415", "38290008", "Anglian Water", Decimal("32.10"), "WTR 55120"),
            Payment("401276", "71234567", "Mrs O'Brien (allowance)", Decimal("0.01"), "")]


def test_each_credit_and_the_contra_sit_where_standard_18_puts_them():
    rows = read(bacs_payment_file(originator=COUNCIL, payments=PAYMENTS, processing_day=DAY))
    assert len(rows) == 4
    first = rows[0]
    assert (first["dest_sort"], first["dest_account"], first["account_type"], first["code"]) == (
        "309457", "00123456", "0", "99")
    assert (first["orig_sort"], first["orig_account"], first["free"]) == ("600000", "12345678", "    ")
    assert first["pence"] == "00000123456" and first["amount"] == Decimal("1234.56")
    assert first["user_name"] == "NORTHSHIRE COUNCIL"
    assert first["user_reference"] == "ASC-200001 OCT    "
    assert first["dest_name"] == "OAK LODGE CARE HOM"
    assert first["processing_day"] == DAY and first["day"] == " 26343"
    assert rows[2]["dest_name"] == "MRS OBRIEN ALLOWAN"  # characters Bacs does not take are dropped
    contra = rows[-1]
    assert (contra["dest_sort"], contra["dest_account"], contra["code"]) == ("600000", "12345678", "17")
    assert contra["user_reference"].strip() == "CONTRA" and contra["user_name"].strip() == "CLIENT PAYMENTS"
    assert contra["amount"] == sum(p.amount for p in PAYMENTS) == Decimal("1266.67")


@given(amounts=st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
                        min_size=1, max_size=40))
def test_the_contra_is_exactly_the_credits_to_the_penny(amounts):
    payments = [Payment("309457", "00123456", "Payee", amount, "REF") for amount in amounts]
    rows = read(bacs_payment_file(originator=COUNCIL, payments=payments, processing_day=DAY))
    assert [row["amount"] for row in rows[:-1]] == amounts
    assert rows[-1]["amount"] == sum(amounts)


def test_a_file_refuses_what_bacs_would():
    with pytest.raises(Standard18Error):
        bacs_payment_file(originator=COUNCIL, payments=[], processing_day=DAY)
    with pytest.raises(Standard18Error):
        bacs_payment_file(originator=COUNCIL, processing_day=DAY,
                          payments=[Payment("30945", "00123456", "Payee", Decimal("1.00"), "")])
    with pytest.raises(Standard18Error):
        bacs_payment_file(originator=COUNCIL, processing_day=DAY,
                          payments=[Payment("309457", "00123456", "Payee", Decimal("1.001"), "")])


def test_the_bacs_payment_csv_has_the_published_columns():
    text = bulk_csv(layout=CSV_LAYOUTS["bacs-payment-csv"], originator=COUNCIL, payments=PAYMENTS, processing_day=DAY)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3  # no header, no trailer
    assert rows[0] == ["309457", "00123456", "OAK LODGE CARE HOM", "1234.56", "99", "600000", "12345678",
                       "NORTHSHIRE COUNCIL", "ASC-200001 OCT", "09/12/2026"]
    assert rows[2][3] == "0.01"
    assert sum(Decimal(row[3]) for row in rows) == Decimal("1266.67")


def test_the_business_online_csv_has_its_columns():
    text = bulk_csv(layout=CSV_LAYOUTS["business-online-bacs"], originator=COUNCIL, payments=PAYMENTS[:1],
                    processing_day=DAY)
    assert list(csv.reader(io.StringIO(text))) == [
        ["OAK LODGE CARE HOM", "ASC-200001 OCT", "309457", "00123456", "1234.56", "0", "99"]]
