"""/api/v1/clients/{id}/money/... and /api/v1/ledger/...: a client's money and the council's accounts,
through the ledger's selectors and services, with the same rules and visibility as the pages."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from ledger import client_money
from ledger.choices import AccountKind, OwnerKind, PaymentStatus, Purpose
from ledger.models import Account, Payment, Posting, Transaction
from ledger.selectors import client_funds_account
from tests.money import confirmed

pytestmark = pytest.mark.django_db

KEY = "HTTP_IDEMPOTENCY_KEY"


def money(client) -> str:
    return f"/api/v1/clients/{client.pk}/money/"


def receive(officer, client, amount, on, key, category="state_pension"):
    return confirmed(client_money.client_receipt_record(acting_user=officer, client=client, amount=Decimal(amount),
                                                        effective_date=on, category=category, idempotency_key=key))


def pay(officer, client, amount, on, key, payee="Oakwood Care Home", reference="INV-1"):
    return client_money.client_payment_make(acting_user=officer, client=client, amount=Decimal(amount),
                                            effective_date=on, category="care_fees", payee=payee,
                                            reference=reference, idempotency_key=key)


@pytest.fixture
def april(officer, north_client):
    """Peggy's April: £100.10 and £50.25 in, £30.00 out; £120.35 left."""
    receive(officer, north_client, "100.10", dt.date(2026, 4, 1), "seed-1")
    receive(officer, north_client, "50.25", dt.date(2026, 4, 15), "seed-2", category="attendance_allowance")
    pay(officer, north_client, "30.00", dt.date(2026, 4, 20), "seed-3")
    return north_client


def no_floats(value) -> bool:
    """True when nothing in the parsed JSON is a float (money is always a string)."""
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(no_floats(v) for v in value.values())
    if isinstance(value, list):
        return all(no_floats(v) for v in value)
    return True


def parsed(response):
    return json.loads(response.content)


def counts():
    return Transaction.objects.count(), Posting.objects.count(), Payment.objects.count()


# --- balances ------------------------------------------------------------------------------------


def test_a_client_with_no_money_yet_has_a_balance_of_nothing(api, officer, north_client):
    response = api(officer).get(money(north_client))
    assert response.status_code == 200
    assert response.json() == {
        "client": north_client.pk, "account": None, "currency": "GBP", "as_at": None, "balance": "0.00",
        "available": "0.00", "held_total": "0.00", "held_payments": [],
    }


def test_balance_and_available_funds_are_exact_strings(api, officer, april):
    response = api(officer).get(money(april))
    assert response.status_code == 200
    body = parsed(response)
    assert body["balance"] == "120.35"
    assert body["available"] == "120.35"
    assert body["held_total"] == "0.00"
    assert body["account"] == client_funds_account(client=april).pk
    assert no_floats(body)


@pytest.mark.parametrize("as_at, balance", [
    ("2026-03-31", "0.00"), ("2026-04-01", "100.10"), ("2026-04-14", "100.10"), ("2026-04-15", "150.35"),
    ("2026-04-20", "120.35"), ("2027-01-01", "120.35"),
])
def test_balance_as_at_a_date(api, officer, april, as_at, balance):
    body = api(officer).get(money(april), {"as_at": as_at}).json()
    assert body["as_at"] == as_at
    assert body["balance"] == balance
    assert body["available"] == "120.35"  # what can be spent now, whatever the date asked about


def test_a_bad_as_at_is_a_400_naming_it(api, officer, april):
    response = api(officer).get(money(april), {"as_at": "20/04/2026"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == ["as_at"]


def test_held_payments_are_shown_beside_available_funds_not_deducted(api, officer, april):
    held = pay(officer, april, "30.00", dt.date(2026, 4, 22), "seed-4")  # same payee, amount, reference
    assert held.status == PaymentStatus.HELD
    body = api(officer).get(money(april)).json()
    assert body["available"] == "120.35"
    assert body["held_total"] == "30.00"
    [row] = body["held_payments"]
    assert row["id"] == held.pk and row["amount"] == "30.00" and "possible duplicate" in row["hold_reason"]


# --- statements ----------------------------------------------------------------------------------


def test_statement_figures_are_exact_to_the_penny(api, officer, april):
    response = api(officer).get(money(april) + "statement/", {"from": "2026-04-10", "to": "2026-04-30"})
    assert response.status_code == 200
    body = parsed(response)
    assert no_floats(body)
    assert body["start"] == "2026-04-10" and body["end"] == "2026-04-30"
    assert body["opening_balance"] == "100.10"
    assert [(line["date"], line["kind"], line["amount"], line["running_balance"]) for line in body["lines"]] == [
        ("2026-04-15", "receipt", "50.25", "150.35"),
        ("2026-04-20", "payment", "-30.00", "120.35"),
    ]
    assert body["closing_balance"] == "120.35"
    payment = Payment.objects.get(idempotency_key="seed-3")
    assert body["lines"][1]["transaction_id"] == payment.transaction_id


def test_a_statement_with_nothing_in_it(api, officer, april, north_client):
    body = api(officer).get(money(april) + "statement/", {"from": "2026-05-01", "to": "2026-05-31"}).json()
    assert (body["opening_balance"], body["lines"], body["closing_balance"]) == ("120.35", [], "120.35")


def test_a_statement_before_any_money(api, officer, north_client):
    body = api(officer).get(money(north_client) + "statement/", {"from": "2026-04-01", "to": "2026-04-30"}).json()
    assert body["account"] is None
    assert (body["opening_balance"], body["lines"], body["closing_balance"]) == ("0.00", [], "0.00")


@pytest.mark.parametrize("query, fields", [
    ({}, {"from", "to"}),
    ({"from": "2026-04-01"}, {"to"}),
    ({"from": "yesterday", "to": "2026-04-30"}, {"from"}),
    ({"from": "2026-04-30", "to": "2026-04-01"}, {"to"}),
])
def test_bad_statement_dates_are_a_400_naming_each(api, officer, april, query, fields):
    response = api(officer).get(money(april) + "statement/", query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields


# --- receipts ------------------------------------------------------------------------------------

RECEIPT = {"amount": "187.60", "effective_date": "2026-04-02", "category": "state_pension", "memo": "Pension"}


def test_record_a_receipt(api, officer, north_client):
    response = api(officer).post(money(north_client) + "receipts/", RECEIPT, format="json", **{KEY: "r-1"})
    assert response.status_code == 201
    body = parsed(response)
    assert no_floats(body)
    assert body["kind"] == "receipt" and body["category"] == "state_pension" and body["memo"] == "Pension"
    funds = client_funds_account(client=north_client)
    assert {(p["account"], p["amount"]) for p in body["postings"]} == {
        (funds.pk, "-187.60"), (Account.objects.get(purpose=Purpose.POOLED_BANK).pk, "187.60"),
    }
    assert api(officer).get(money(north_client)).json()["balance"] == "187.60"


def test_the_same_key_twice_records_one_receipt(api, officer, north_client):
    web = api(officer)
    first = web.post(money(north_client) + "receipts/", RECEIPT, format="json", **{KEY: "r-1"})
    again = web.post(money(north_client) + "receipts/", RECEIPT, format="json", **{KEY: "r-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Transaction.objects.filter(kind="receipt").count() == 1
    assert web.get(money(north_client)).json()["balance"] == "187.60"


def test_the_same_key_for_a_different_receipt_is_a_409(api, officer, north_client):
    web = api(officer)
    web.post(money(north_client) + "receipts/", RECEIPT, format="json", **{KEY: "r-1"})
    before = counts()
    response = web.post(money(north_client) + "receipts/", {**RECEIPT, "amount": "187.61"}, format="json",
                        **{KEY: "r-1"})
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"
    assert list(response.json()["errors"]) == ["Idempotency-Key"]
    assert counts() == before


def test_a_receipt_needs_an_idempotency_key(api, officer, north_client):
    response = api(officer).post(money(north_client) + "receipts/", RECEIPT, format="json")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert counts() == (0, 0, 0)


def test_bad_receipt_input_is_a_400_naming_each_field(api, officer, north_client):
    response = api(officer).post(money(north_client) + "receipts/", {}, format="json", **{KEY: "r-1"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["message"]
    assert set(body["errors"]) == {"amount", "effective_date", "category"}
    assert counts() == (0, 0, 0)


def test_bad_input_and_no_key_are_named_together(api, officer, north_client):
    response = api(officer).post(money(north_client) + "receipts/", {"amount": "1.00"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"effective_date", "category", "Idempotency-Key"}
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("amount", [12.5, "12.345", "-5.00", "0.00", "lots", True])
def test_an_amount_that_is_not_whole_pence_as_a_string_is_refused(api, officer, north_client, amount):
    response = api(officer).post(money(north_client) + "receipts/", {**RECEIPT, "amount": amount}, format="json",
                                 **{KEY: "r-1"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["amount"]
    assert counts() == (0, 0, 0)


def test_a_receipt_with_a_money_out_category_is_refused(api, officer, north_client):
    response = api(officer).post(money(north_client) + "receipts/", {**RECEIPT, "category": "care_fees"},
                                 format="json", **{KEY: "r-1"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["category"]


# --- payments ------------------------------------------------------------------------------------

PAYMENT = {"amount": "95.00", "effective_date": "2026-04-25", "category": "care_fees", "payee": "Oakwood Care Home",
           "reference": "INV-77"}


def test_make_a_payment(api, officer, april):
    response = api(officer).post(money(april) + "payments/", PAYMENT, format="json", **{KEY: "p-1"})
    assert response.status_code == 201
    body = parsed(response)
    assert no_floats(body)
    assert body["status"] == "posted" and body["amount"] == "95.00" and body["transaction"] is not None
    assert api(officer).get(money(april)).json()["balance"] == "25.35"


def test_the_same_key_twice_makes_one_payment(api, officer, april):
    web = api(officer)
    first = web.post(money(april) + "payments/", PAYMENT, format="json", **{KEY: "p-1"})
    again = web.post(money(april) + "payments/", PAYMENT, format="json", **{KEY: "p-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Payment.objects.filter(reference="INV-77").count() == 1
    assert web.get(money(april)).json()["balance"] == "25.35"


def test_an_overdraft_is_refused_with_a_sentence_and_nothing_written(api, officer, april):
    before = counts()
    response = api(officer).post(money(april) + "payments/", {**PAYMENT, "amount": "120.36"}, format="json",
                                 **{KEY: "p-1"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "insufficient_funds"
    assert body["message"] == ("Margaret Thornton has £120.35 available; this payment of £120.36 would overdraw "
                               "their account.")
    assert body["errors"] == {"amount": [body["message"]]}
    assert counts() == before
    assert api(officer).get(money(april)).json()["balance"] == "120.35"


def test_every_penny_may_be_paid(api, officer, april):
    response = api(officer).post(money(april) + "payments/", {**PAYMENT, "amount": "120.35"}, format="json",
                                 **{KEY: "p-1"})
    assert response.status_code == 201
    assert api(officer).get(money(april)).json()["balance"] == "0.00"


def test_a_possible_duplicate_is_held_not_paid(api, officer, april):
    web = api(officer)
    bill = {**PAYMENT, "amount": "40.00"}
    assert web.post(money(april) + "payments/", bill, format="json", **{KEY: "p-1"}).status_code == 201
    before = Transaction.objects.count()
    response = web.post(money(april) + "payments/", {**bill, "effective_date": "2026-04-26"}, format="json",
                        **{KEY: "p-2"})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "held" and body["transaction"] is None
    assert "possible duplicate" in body["hold_reason"]
    assert Transaction.objects.count() == before
    again = web.post(money(april) + "payments/", {**bill, "effective_date": "2026-04-26"}, format="json",
                     **{KEY: "p-2"})
    assert (again.status_code, again.json()["id"]) == (202, body["id"])
    assert Payment.objects.filter(status=PaymentStatus.HELD).count() == 1
    money_now = web.get(money(april)).json()
    assert (money_now["balance"], money_now["available"], money_now["held_total"]) == ("80.35", "80.35", "40.00")


def test_bad_payment_input_is_a_400_naming_each_field(api, officer, april):
    before = counts()
    response = api(officer).post(money(april) + "payments/", {"category": "state_pension"}, format="json",
                                 **{KEY: "p-1"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"amount", "effective_date", "category", "payee"}
    assert counts() == before


def test_a_blank_payee_is_refused_naming_it(api, officer, april):
    response = api(officer).post(money(april) + "payments/", {**PAYMENT, "payee": "   "}, format="json",
                                 **{KEY: "p-1"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["payee"]


# --- who may see and do what ---------------------------------------------------------------------


def test_another_teams_client_is_a_404_and_nothing_is_written(api, other_officer, april):
    web = api(other_officer)
    before = counts()
    assert web.get(money(april)).status_code == 404
    assert web.get(money(april) + "statement/", {"from": "2026-04-01", "to": "2026-04-30"}).status_code == 404
    response = web.post(money(april) + "receipts/", RECEIPT, format="json", **{KEY: "x-1"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert web.post(money(april) + "payments/", PAYMENT, format="json", **{KEY: "x-2"}).status_code == 404
    assert counts() == before


def test_a_client_that_does_not_exist_is_the_same_404(api, officer):
    assert api(officer).get("/api/v1/clients/999999/money/").json() == api(officer).get(
        "/api/v1/clients/999998/money/").json()


def test_auditors_read_but_may_not_post(api, auditor, april, pooled_bank_and_suspense):
    web = api(auditor)
    assert web.get(money(april)).json()["balance"] == "120.35"
    before = counts()
    for path, body in [(money(april) + "receipts/", RECEIPT), (money(april) + "payments/", PAYMENT),
                       ("/api/v1/ledger/transactions/", {})]:
        response = web.post(path, body, format="json", **{KEY: "a-1"})
        assert response.status_code == 403
        assert response.json()["message"] == "Auditors have read-only access."
    assert counts() == before


def test_anonymous_is_refused(api, april):
    assert api(None).get(money(april)).status_code == 403
    assert api(None).post(money(april) + "receipts/", RECEIPT, format="json", **{KEY: "n-1"}).status_code == 403


# --- the council's accounts and general transactions --------------------------------------------


@pytest.fixture
def pooled_bank_and_suspense(april):
    """The pooled bank (opened by the client money services) and a suspense account, arranged directly
    as in tests/ledger/conftest.py (there is no account-opening service for council accounts yet)."""
    bank = Account.objects.get(purpose=Purpose.POOLED_BANK)
    suspense = Account.objects.create(name="Unallocated receipts", kind=AccountKind.LIABILITY,
                                      purpose=Purpose.SUSPENSE, owner_kind=OwnerKind.COUNCIL)
    return bank, suspense


@pytest.mark.parametrize("persona, status", [
    ("officer", 200), ("other_officer", 404), ("team_leader", 200), ("auditor", 200), ("administrator", 200),
])
def test_the_pooled_bank_statement_is_for_client_affairs_leaders_auditors_and_administrators(
    request, api, persona, status, pooled_bank_and_suspense,
):
    bank, _ = pooled_bank_and_suspense
    response = api(request.getfixturevalue(persona)).get(
        f"/api/v1/ledger/accounts/{bank.pk}/statement/", {"from": "2026-04-01", "to": "2026-04-30"})
    assert response.status_code == status
    if status == 200:
        body = parsed(response)
        assert no_floats(body)
        assert (body["opening_balance"], body["closing_balance"]) == ("0.00", "120.35")
        assert [line["running_balance"] for line in body["lines"]] == ["100.10", "150.35", "120.35"]


def test_an_officer_may_read_their_clients_account_statement_but_not_another_teams(
    api, officer, other_officer, april,
):
    funds = client_funds_account(client=april)
    path = f"/api/v1/ledger/accounts/{funds.pk}/statement/"
    query = {"from": "2026-04-01", "to": "2026-04-30"}
    assert api(officer).get(path, query).json()["closing_balance"] == "120.35"
    assert api(other_officer).get(path, query).status_code == 404


def test_the_account_list_shows_what_each_may_see(
    api, officer, team_leader, other_officer, charging_leader, pooled_bank_and_suspense, council_bank, april,
):
    bank, suspense = pooled_bank_and_suspense
    funds = client_funds_account(client=april)

    def listed(user):
        return {row["id"] for row in api(user).get("/api/v1/ledger/accounts/").json()["results"]}

    assert listed(officer) == {funds.pk, bank.pk, suspense.pk}  # client affairs: the client money accounts
    assert listed(team_leader) == {funds.pk, bank.pk, suspense.pk}  # client affairs' leader: the same
    assert listed(other_officer) == set()  # charging: none of North's clients, no client money
    assert listed(charging_leader) == {council_bank.pk}  # a finance team leader: the council's own accounts
    path = f"/api/v1/ledger/accounts/{council_bank.pk}/statement/"
    query = {"from": "2026-04-01", "to": "2026-04-30"}
    assert api(officer).get(path, query).status_code == 404
    assert api(team_leader).get(path, query).status_code == 404
    assert api(charging_leader).get(path, query).status_code == 200


@pytest.fixture
def council_bank(db):
    return Account.objects.create(name="Council bank", kind=AccountKind.ASSET, purpose=Purpose.COUNCIL_BANK,
                                  owner_kind=OwnerKind.COUNCIL)


@pytest.fixture
def charging_income(db):
    return Account.objects.create(name="Care charging income", kind=AccountKind.INCOME,
                                  purpose=Purpose.CHARGING_INCOME, owner_kind=OwnerKind.COUNCIL)


def adjustment(debit, credit, amount="25.00"):
    return {"effective_date": "2026-04-30", "kind": "adjustment", "memo": "Bank charge refunded",
            "postings": [{"account": debit.pk, "amount": amount}, {"account": credit.pk, "amount": f"-{amount}"}]}


def test_a_charging_leader_posts_a_general_transaction_once(api, charging_leader, council_bank, charging_income):
    web = api(charging_leader)
    first = web.post("/api/v1/ledger/transactions/", adjustment(council_bank, charging_income), format="json",
                     **{KEY: "t-1"})
    again = web.post("/api/v1/ledger/transactions/", adjustment(council_bank, charging_income), format="json",
                     **{KEY: "t-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert {(p["account"], p["amount"]) for p in first.json()["postings"]} == {
        (council_bank.pk, "25.00"), (charging_income.pk, "-25.00")}
    assert Transaction.objects.filter(kind="adjustment").count() == 1
    statement = web.get(f"/api/v1/ledger/accounts/{charging_income.pk}/statement/",
                        {"from": "2026-04-01", "to": "2026-04-30"}).json()
    assert statement["closing_balance"] == "25.00"


def test_a_general_transaction_never_touches_the_pooled_account_or_suspense(api, charging_leader, council_bank,
                                                                           pooled_bank_and_suspense):
    """Client money moves only through receipts, payments, imports and allocations."""
    for account in pooled_bank_and_suspense:
        before = counts()
        response = api(charging_leader).post("/api/v1/ledger/transactions/", adjustment(council_bank, account),
                                             format="json", **{KEY: f"t-{account.pk}"})
        assert response.status_code == 400 and list(response.json()["errors"]) == ["postings"]
        assert counts() == before


@pytest.mark.parametrize("persona", ["officer", "team_leader", "other_officer", "administrator"])
def test_only_finance_team_leaders_post_general_transactions(request, api, persona, council_bank,
                                                             pooled_bank_and_suspense):
    """Officers, the client affairs team leader and administrators are refused, changing nothing."""
    _, suspense = pooled_bank_and_suspense
    before = counts()
    response = api(request.getfixturevalue(persona)).post(
        "/api/v1/ledger/transactions/", adjustment(council_bank, suspense), format="json", **{KEY: "t-1"})
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert counts() == before


def test_a_general_transaction_never_touches_a_clients_money(api, charging_leader, council_bank, april):
    funds = client_funds_account(client=april)
    before = counts()
    response = api(charging_leader).post("/api/v1/ledger/transactions/", adjustment(council_bank, funds), format="json",
                                     **{KEY: "t-1"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["postings"]
    assert counts() == before


def test_an_unbalanced_general_transaction_is_a_400(api, charging_leader, council_bank, charging_income):
    body = adjustment(council_bank, charging_income)
    body["postings"][1]["amount"] = "-24.99"
    before = counts()
    response = api(charging_leader).post("/api/v1/ledger/transactions/", body, format="json", **{KEY: "t-1"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["postings"]
    assert "0.01" in response.json()["errors"]["postings"][0]
    assert counts() == before


def test_the_schema_lists_the_ledger_paths(api, officer):
    paths = api(officer).get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path, method in [
        ("/api/v1/clients/{id}/money/", "get"), ("/api/v1/clients/{id}/money/statement/", "get"),
        ("/api/v1/clients/{id}/money/receipts/", "post"), ("/api/v1/clients/{id}/money/payments/", "post"),
        ("/api/v1/ledger/accounts/", "get"), ("/api/v1/ledger/accounts/{id}/statement/", "get"),
        ("/api/v1/ledger/transactions/", "post"),
    ]:
        assert method in paths[path]
    receipts = paths["/api/v1/clients/{id}/money/receipts/"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" and p["required"]
               for p in receipts["parameters"])
