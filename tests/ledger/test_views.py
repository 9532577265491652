"""The money pages: a client's money, receipts and payments with their refusals, held payments, the
pooled account, statement import with its preview step, suspense allocation and reconciliation."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ledger.choices import MoneyInCategory, MoneyOutCategory, PaymentStatus
from ledger.client_money import client_payment_make, client_receipt_record
from ledger.imports import statement_import
from ledger.models import ManualReceipt, Payment, Posting, Reconciliation, StatementImport, StatementLine, Transaction
from ledger.selectors import available_funds
from tests.ledger.statements import data
from tests.money import confirmed

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def receive(user, client, amount, *, on=None, key=None, category=MoneyInCategory.STATE_PENSION, memo=""):
    return confirmed(client_receipt_record(acting_user=user, client=client, amount=Decimal(amount),
                                           effective_date=on or TODAY, category=category, memo=memo,
                                           idempotency_key=key or f"view-test-{amount}-{on}-{memo}"))


def counts():
    return Transaction.objects.count(), Posting.objects.count(), Payment.objects.count()


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def form_key(response) -> str:
    return re.search(r'name="request_key" value="([0-9a-f]{32})"', response.content.decode()).group(1)


def date_fields(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


# --- a client's money -----------------------------------------------------------------------------

def test_money_page_shows_balance_available_and_a_running_statement(client_as, officer, north_client):
    receive(officer, north_client, "230.25", on=TODAY - dt.timedelta(days=20), memo="State Pension")
    receive(officer, north_client, "184.30", on=TODAY - dt.timedelta(days=10), memo="PIP")
    client_payment_make(acting_user=officer, client=north_client, amount=Decimal("32.10"),
                        effective_date=TODAY - dt.timedelta(days=5), category=MoneyOutCategory.WATER,
                        payee="Anglian Water", idempotency_key="water-1")

    page = text(client_as(officer).get(reverse("ledger:client-money", args=[north_client.pk])))

    assert "Balance held for" in page and "£382.45" in page
    assert "Available to spend £382.45" in page
    assert "Balance brought forward" in page and "Balance carried forward" in page
    assert "£230.25" in page and "£414.55" in page and "£32.10" in page
    assert "3 entries, £414.55 in and £32.10 out" in page
    assert "Anglian Water" in page


def test_statement_filters_by_dates_and_direction(client_as, officer, north_client):
    receive(officer, north_client, "100.00", on=dt.date(2026, 1, 10), memo="January pension")
    receive(officer, north_client, "50.00", on=dt.date(2026, 3, 10), memo="March pension")
    client_payment_make(acting_user=officer, client=north_client, amount=Decimal("20.00"),
                        effective_date=dt.date(2026, 3, 12), category=MoneyOutCategory.FOOD, payee="Tesco",
                        idempotency_key="tesco-1")
    url = reverse("ledger:client-money", args=[north_client.pk])
    browser = client_as(officer)

    march = text(browser.get(url, {"start": "2026-03-01", "end": "2026-03-31"}))
    assert "March pension" in march and "January pension" not in march
    assert "Balance brought forward £100.00" in march and "Balance carried forward £130.00" in march

    money_in = text(browser.get(url, {"start": "2026-01-01", "end": "2026-03-31", "direction": "in"}))
    assert "March pension" in money_in and "Tesco" not in money_in.split("Latest payments")[0]

    backwards = text(browser.get(url, {"start": "2026-03-31", "end": "2026-03-01"}))
    assert "The end date must be the same as or after the start date" in backwards


def test_another_teams_client_money_is_not_found(client_as, officer, charging_client):
    browser = client_as(officer)
    assert browser.get(reverse("ledger:client-money", args=[charging_client.pk])).status_code == 404
    assert browser.get(reverse("ledger:receipt-add", args=[charging_client.pk])).status_code == 404
    assert browser.post(reverse("ledger:payment-add", args=[charging_client.pk]), {}).status_code == 404


def test_auditor_reads_money_but_has_no_controls_and_cannot_write(client_as, auditor, officer, north_client):
    receive(officer, north_client, "10.00")
    browser = client_as(auditor)
    page = browser.get(reverse("ledger:client-money", args=[north_client.pk]))
    assert page.status_code == 200
    assert "Record money received" not in page.content.decode() and "Make a payment" not in page.content.decode()
    assert browser.get(reverse("ledger:receipt-add", args=[north_client.pk])).status_code == 403
    before = counts()
    response = browser.post(reverse("ledger:receipt-add", args=[north_client.pk]), {
        "amount": "5.00", **date_fields("effective_date", TODAY), "category": "state_pension",
        "request_key": "a" * 32})
    assert response.status_code == 403
    assert counts() == before


@pytest.mark.parametrize(("amount", "message"), [
    ("", "Enter the amount received"),
    ("abc", "Enter the amount received in pounds and pence, like 150.00"),
    ("12.345", "Enter the amount received in pounds and pence, like 150.00"),
    ("-5", "The amount received must be more than £0.00"),
    ("0.00", "The amount received must be more than £0.00"),
    ("10000000", "The amount received must be £9,999,999.99 or less"),
])
def test_a_bad_receipt_is_refused_with_a_message_and_records_nothing(client_as, officer, north_client, amount,
                                                                     message):
    browser = client_as(officer)
    url = reverse("ledger:receipt-add", args=[north_client.pk])
    key = form_key(browser.get(url))
    before = counts()
    response = browser.post(url, {"amount": amount, **date_fields("effective_date", TODAY), "category": "",
                                  "request_key": key})
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and message in page and "Choose what the money is" in page
    assert counts() == before


def test_a_receipt_is_recorded_once_even_if_the_form_is_sent_twice(client_as, officer, north_client):
    browser = client_as(officer)
    url = reverse("ledger:receipt-add", args=[north_client.pk])
    form = {"amount": "£1,230.50", **date_fields("effective_date", TODAY - dt.timedelta(days=1)),
            "category": "state_pension", "memo": "State Pension, 4 weeks", "request_key": form_key(browser.get(url))}

    first = browser.post(url, form, follow=True)
    again = browser.post(url, form)

    assert "Receipt of £1,230.50 recorded" in text(first)
    assert again.status_code == 302
    assert Transaction.objects.filter(kind="receipt").count() == 1
    assert available_funds(client=north_client) == 0  # until a second officer confirms it
    assert Transaction.objects.get().acting_user == officer


def test_a_receipt_recorded_by_hand_is_spendable_only_once_a_second_officer_confirms_it(
        client_as, officer, team_leader, north_client):
    receipt = client_receipt_record(acting_user=officer, client=north_client, amount=Decimal("10000.00"),
                                    effective_date=TODAY, category="other_income", idempotency_key="by-hand")
    manual = ManualReceipt.objects.get(transaction=receipt)
    money_page = reverse("ledger:client-money", args=[north_client.pk])
    confirm = reverse("ledger:receipt-confirm", args=[manual.pk])

    olivia = client_as(officer)
    page = text(olivia.get(money_page))
    assert "Receipts to confirm" in page and "Another officer must confirm this" in page
    assert available_funds(client=north_client) == 0
    refused = olivia.post(confirm, follow=True)
    assert "You recorded this receipt, so another officer must confirm it." in text(refused)
    pay = olivia.post(reverse("ledger:payment-add", args=[north_client.pk]), {
        "payee": "A. Friend", "amount": "10000.00", **date_fields("effective_date", TODAY), "category": "transfers_out",
        "request_key": form_key(olivia.get(reverse("ledger:payment-add", args=[north_client.pk])))})
    assert "would overdraw" in text(pay) and not Payment.objects.exists()

    confirmed_page = client_as(team_leader).post(confirm, follow=True)
    assert "Receipt of £10,000.00 confirmed" in text(confirmed_page)
    manual.refresh_from_db()
    assert manual.confirmed_by == team_leader and manual.history.first().history_user == team_leader
    assert available_funds(client=north_client) == Decimal("10000.00")


def test_a_payment_above_the_second_person_amount_waits_for_another_officer(
        client_as, officer, team_leader, north_client, settings):
    settings.CLIENT_MONEY_SECOND_PERSON_ABOVE = "1000.00"
    receive(officer, north_client, "5000.00")
    olivia = client_as(officer)
    url = reverse("ledger:payment-add", args=[north_client.pk])
    response = olivia.post(url, {"payee": "Sunnyside Care Home", "amount": "1000.01",
                                 **date_fields("effective_date", TODAY), "category": "care_fees",
                                 "request_key": form_key(olivia.get(url))}, follow=True)
    assert "Payment not made. Held because it is more than £1,000.00" in text(response)
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.HELD and payment.transaction is None
    client_as(team_leader).post(reverse("ledger:payment-release", args=[payment.pk]))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.RELEASED and payment.released_by == team_leader
    assert available_funds(client=north_client) == Decimal("3999.99")


def test_a_payment_that_would_overdraw_is_refused_and_writes_nothing(client_as, officer, north_client):
    receive(officer, north_client, "100.00")
    browser = client_as(officer)
    url = reverse("ledger:payment-add", args=[north_client.pk])
    before = counts()
    response = browser.post(url, {"payee": "Sunnyside Care Home", "amount": "100.01",
                                  **date_fields("effective_date", TODAY), "category": "care_fees",
                                  "request_key": form_key(browser.get(url))})
    page = text(response)
    assert "There is a problem" in page
    assert "has £100.00 available; this payment of £100.01 would overdraw their account" in page
    assert counts() == before


def test_a_payment_is_made_and_a_duplicate_is_held_for_another_officer(client_as, officer, team_leader,
                                                                        north_client):
    receive(officer, north_client, "500.00")
    browser = client_as(officer)
    url = reverse("ledger:payment-add", args=[north_client.pk])
    form = {"payee": "Anglian Water", "reference": "WTR 55120", "amount": "32.10",
            **date_fields("effective_date", TODAY), "category": "water", "request_key": form_key(browser.get(url))}
    made = browser.post(url, form, follow=True)
    assert "Payment of £32.10 to Anglian Water made" in text(made)

    form["request_key"] = form_key(browser.get(url))
    held = text(browser.post(url, form, follow=True))
    assert "Payment not made. Held as a possible duplicate" in held
    payment = Payment.objects.get(status=PaymentStatus.HELD)
    assert available_funds(client=north_client) == Decimal("467.90")

    # The officer who asked cannot release it.
    refused = text(browser.post(reverse("ledger:payment-release", args=[payment.pk]), follow=True))
    assert "You asked for this payment, so another officer must release it." in refused
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.HELD

    released = text(client_as(team_leader).post(reverse("ledger:payment-release", args=[payment.pk]), follow=True))
    assert "released and paid" in released
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.RELEASED and payment.released_by == team_leader
    assert available_funds(client=north_client) == Decimal("435.80")


def test_a_held_payment_is_cancelled_with_a_reason(client_as, officer, north_client):
    receive(officer, north_client, "500.00")
    for key in ("p1", "p2"):
        client_payment_make(acting_user=officer, client=north_client, amount=Decimal("40.00"),
                            effective_date=TODAY, category=MoneyOutCategory.MEDICAL, payee="High Street Pharmacy",
                            idempotency_key=key)
    held = Payment.objects.get(status=PaymentStatus.HELD)
    browser = client_as(officer)
    url = reverse("ledger:payment-cancel", args=[held.pk])
    assert "Enter why the payment is being cancelled" in text(browser.post(url, {"reason": ""}))
    assert "cancelled" in text(browser.post(url, {"reason": "The pharmacy invoice was sent twice"}, follow=True))
    held.refresh_from_db()
    assert held.status == PaymentStatus.CANCELLED and held.cancelled_by == officer
    assert available_funds(client=north_client) == Decimal("460.00")


def test_client_page_links_to_money_and_shows_what_is_held(client_as, officer, north_client):
    receive(officer, north_client, "75.00")
    page = text(client_as(officer).get(north_client.get_absolute_url()))
    assert "The council holds £75.00 for" in page
    assert "Balance, statement, receipts and payments" in page


# --- the council's client money -------------------------------------------------------------------

def test_council_money_pages_are_for_client_affairs_and_readers(client_as, officer, other_officer, auditor,
                                                                 team_leader):
    pages = ["ledger:overview", "ledger:pooled-account", "ledger:suspense", "ledger:imports",
             "ledger:reconciliations"]
    for user, status in ((officer, 200), (team_leader, 200), (auditor, 200), (other_officer, 403)):
        browser = client_as(user)
        for name in pages:
            assert browser.get(reverse(name)).status_code == status, (user.username, name)


def test_pooled_account_statement_pages_and_keeps_the_running_balance(client_as, officer, north_client,
                                                                      monkeypatch):
    from ledger import views

    monkeypatch.setattr(views, "STATEMENT_PAGE_SIZE", 2)
    for day in (1, 2, 3):
        receive(officer, north_client, f"{day}0.00", on=dt.date(2026, 10, day), memo=f"Receipt on day {day}")
    browser = client_as(officer)
    url = reverse("ledger:pooled-account")
    first = text(browser.get(url, {"start": "2026-10-01", "end": "2026-10-31"}))
    second = text(browser.get(url, {"start": "2026-10-01", "end": "2026-10-31", "page": 2}))
    assert "Receipt on day 1" in first and "Receipt on day 2" in first and "Receipt on day 3" not in first
    assert "Balance brought forward" in first and "Balance carried forward" not in first
    assert "Receipt on day 3" in second and "£60.00" in second and "Balance carried forward £60.00" in second


def upload(browser, name="natwest.csv", content=None):
    return browser.post(reverse("ledger:imports"),
                        {"file": SimpleUploadedFile(name, content if content is not None else data(name), "text/csv")})


def test_a_bad_statement_file_is_refused_with_its_lines_named_and_nothing_written(client_as, officer, clients):
    browser = client_as(officer)
    before = counts(), StatementImport.objects.count()
    page = text(upload(browser, "bad_date.csv"))
    assert "There is a problem" in page and "The file was not imported; nothing has been recorded." in page
    assert "Problems in the file" in page and "31/02/2026" in page or "real date" in page
    assert (counts(), StatementImport.objects.count()) == before

    not_csv = text(upload(browser, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary"))
    assert "There is a problem" in not_csv
    assert (counts(), StatementImport.objects.count()) == before


def test_statement_import_previews_then_imports_once(client_as, officer, clients):
    browser = client_as(officer)
    response = upload(browser)
    assert response.status_code == 302
    assert StatementImport.objects.count() == 0 and Transaction.objects.count() == 0

    preview = browser.get(response["Location"])
    page = text(preview)
    assert "Check the bank statement before importing it" in page and "Nothing has been recorded yet" in page
    assert re.search(r"Matched to a client 5 ", page) and re.search(r"suspense \(no client found\) 3 ", page)
    assert Transaction.objects.count() == 0

    done = browser.post(response["Location"], follow=True)
    assert "natwest.csv imported: 5 matched to clients, 3 to suspense, 0 already imported" in text(done)
    record = StatementImport.objects.get()
    assert StatementLine.objects.filter(statement_import=record).count() == 8

    # The same confirmation again finds the upload gone; the same file again posts nothing.
    again = browser.post(response["Location"], follow=True)
    assert "That upload has expired or was already imported" in text(again)
    second = upload(browser)
    browser.post(second["Location"])
    assert StatementImport.objects.count() == 2
    assert StatementImport.objects.first().lines_skipped == 8
    assert StatementLine.objects.count() == 8


def test_an_auditor_cannot_upload_or_allocate(client_as, auditor, officer, clients):
    statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)
    browser = client_as(auditor)
    assert "Check the file" not in browser.get(reverse("ledger:imports")).content.decode()
    assert upload(browser).status_code == 403
    line = StatementLine.objects.filter(status="suspense").first()
    assert browser.get(reverse("ledger:suspense-allocate", args=[line.pk])).status_code == 403


def test_a_suspense_line_is_allocated_to_a_client_once(client_as, officer, clients, charging_client):
    peggy, _arthur, _harold = clients
    statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)
    line = StatementLine.objects.get(status="suspense", amount=Decimal("50.00"))
    browser = client_as(officer)
    url = reverse("ledger:suspense-allocate", args=[line.pk])
    assert "UNKNOWN PAYER" in text(browser.get(url))
    search = f"{url}?q=100001"
    assert f'value="{peggy.pk}"' in browser.get(search).content.decode()

    before = counts()
    assert "Choose the client the money belongs to" in text(browser.post(search, {"category": "refunds"}))
    hidden = text(browser.post(search, {"client": charging_client.pk, "category": "refunds"}))
    assert "Choose a client from the list" in hidden
    assert "Choose a category" in text(browser.post(search, {"client": peggy.pk, "category": ""}))
    assert counts() == before

    funds_before = available_funds(client=peggy)
    done = text(browser.post(search, {"client": peggy.pk, "category": "refunds"}, follow=True))
    assert "£50.00 allocated to" in done
    line.refresh_from_db()
    assert line.status == "allocated" and line.client == peggy
    assert available_funds(client=peggy) == funds_before + Decimal("50.00")
    assert "is already allocated" in text(browser.get(url, follow=True))


def test_reconciliation_is_prepared_signed_off_by_another_and_its_pdf_downloaded(client_as, officer, team_leader,
                                                                               clients):
    statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)
    browser = client_as(officer)
    bad = text(browser.post(reverse("ledger:reconciliations"), {"month": "13", "year": "20x6"}))
    assert "Choose the month" in bad and "Enter the year as 4 digits, like 2026" in bad
    assert Reconciliation.objects.count() == 0

    prepared = browser.post(reverse("ledger:reconciliations"), {"month": "11", "year": "2026"}, follow=True)
    page = text(prepared)
    record = Reconciliation.objects.get()
    assert "Reconciliation for November 2026 prepared" in page
    assert "Bank's closing balance £12.45" in page and "Difference (ledger less bank) £0.00" in page
    assert "You prepared this reconciliation, so a client affairs team leader other than you must sign it off." in page
    assert "Sign off and close the month" not in page
    refused = browser.post(reverse("ledger:reconciliation-sign-off", args=[record.pk]))
    assert refused.status_code == 403
    assert "Only a client affairs team leader can sign off a reconciliation" in text(refused)
    record.refresh_from_db()
    assert record.status == "prepared"
    assert browser.get(reverse("ledger:reconciliation-pdf", args=[record.pk])).status_code == 404

    leader = client_as(team_leader)
    assert "Sign off and close the month" in text(leader.get(reverse("ledger:reconciliation-detail", args=[record.pk])))
    signed = text(leader.post(reverse("ledger:reconciliation-sign-off", args=[record.pk]), follow=True))
    assert "Reconciliation for November 2026 signed off" in signed
    assert "Signed off: month closed" in signed
    pdf = leader.get(reverse("ledger:reconciliation-pdf", args=[record.pk]))
    body = b"".join(pdf.streaming_content)
    assert pdf["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
    assert 'filename="client-account-reconciliation-2026-11.pdf"' in pdf["Content-Disposition"]


def test_a_month_without_a_bank_balance_asks_for_one(client_as, officer):
    page = text(client_as(officer).post(reverse("ledger:reconciliations"), {"month": "10", "year": "2026"}))
    assert "There is a problem" in page and "enter the closing balance from the bank statement" in page
    assert Reconciliation.objects.count() == 0
