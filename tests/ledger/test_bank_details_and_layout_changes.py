"""The pooled client bank account's sort code, account number and IBAN are recorded on a page by a team
leader or an administrator, checked, and kept in history, so that a statement of another account is refused;
a mapped statement layout is changed and retired from the browser, never deleted, with its history."""

from __future__ import annotations

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from ledger.imports import statement_import, statement_parse
from ledger.models import Account, StatementImport, StatementLayout
from ledger.statements.bank_details import bank_details_set, iban_is_valid
from ledger.statements.custom import Mapping, statement_layout_create, statement_layout_retire, statement_layout_update
from tests.ledger.statements import data

# The IBAN the European Committee for Banking Standards' register and the UK's published examples use
# (NatWest, sort code 60-16-13, account 31926819): valid by construction, not by this code.
GOOD_IBAN = "GB29 NWBK 6016 1331 9268 19"

SAMPLE = ("Account:,Council client account\n"
          "Posted,Narrative,Their ref,Money in,Money out,Running balance\n"
          "03 Nov 2026,DWP STATE PENSION ASC-100001,SP1,230.25,,242.70\n"
          "04 Nov 2026,ANGLIAN WATER ASC-100001,W55,,32.10,210.60\n")
MAPPING = Mapping(name="Test Mutual Bank", date="Posted", description="Narrative", reference="Their ref",
                  money_in="Money in", money_out="Money out", balance="Running balance")
# The same bank's export after it renamed two columns.
SAMPLE_NEW = SAMPLE.replace("Posted,Narrative", "Date posted,Details")


@pytest.mark.parametrize("iban, valid", [
    (GOOD_IBAN, True),
    ("GB29NWBK60161331926819", True),
    ("GB28NWBK60161331926819", False),  # check digits one out
    ("GB29NWBK60161331926818", False),  # account number one out
    ("GB29NWBK6016133192681", False),  # a digit short: not a UK IBAN's 22 characters, and the check fails
    ("DE89370400440532013000", True),  # the German example in ISO 13616's register
    ("not an iban", False),
])
def test_the_iban_check_digits(iban, valid):
    assert iban_is_valid(iban) is valid


def test_a_team_leader_records_the_bank_details_with_a_reason_and_history(team_leader, pooled_bank):
    bank = bank_details_set(acting_user=team_leader, sort_code="60-16-13", account_number="3192 6819",
                            iban=GOOD_IBAN, reason="From the bank's letter of 3 March 2026")
    bank.refresh_from_db()
    assert (bank.bank_sort_code, bank.bank_account_number, bank.bank_iban) == (
        "601613", "31926819", "GB29NWBK60161331926819")
    row = bank.history.latest("history_date")
    assert row.history_user == team_leader
    assert row.history_change_reason == "Bank details recorded: From the bank's letter of 3 March 2026"


def test_an_administrator_may_record_them_and_an_officer_may_not(administrator, officer, pooled_bank):
    bank_details_set(acting_user=administrator, sort_code="601613", account_number="31926819", reason="Set up")
    with pytest.raises(PermissionDeniedError):
        bank_details_set(acting_user=officer, sort_code="600000", account_number="12345678", reason="Mine")
    pooled_bank.refresh_from_db()
    assert pooled_bank.bank_account_number == "31926819"


@pytest.mark.parametrize("sort_code, number, iban, field", [
    ("60161", "31926819", "", "sort_code"),  # five digits
    ("60-16-1X", "31926819", "", "sort_code"),
    ("601613", "3192681", "", "account_number"),  # seven digits: a shorter number is entered with its 0
    ("601613", "319268190", "", "account_number"),
    ("601613", "31926819", "GB28NWBK60161331926819", "iban"),  # bad check digits
    ("600000", "12345678", GOOD_IBAN, "iban"),  # a real IBAN, but of another account
])
def test_bad_bank_details_are_refused_and_nothing_changes(team_leader, pooled_bank, sort_code, number, iban, field):
    rows = pooled_bank.history.count()
    with pytest.raises(ApplicationError) as caught:
        bank_details_set(acting_user=team_leader, sort_code=sort_code, account_number=number, iban=iban,
                         reason="Typed in")
    assert caught.value.code == "invalid_bank_details"
    assert [error["field"] for error in caught.value.extra["errors"]] == [field]
    pooled_bank.refresh_from_db()
    assert (pooled_bank.bank_sort_code, pooled_bank.bank_account_number, pooled_bank.bank_iban) == ("", "", "")
    assert pooled_bank.history.count() == rows


def test_a_reason_is_required(team_leader, pooled_bank):
    with pytest.raises(ApplicationError) as caught:
        bank_details_set(acting_user=team_leader, sort_code="601613", account_number="31926819", reason="  ")
    assert "Say why" in caught.value.message


def test_the_page_sets_up_the_wrong_account_check(client_as, team_leader, officer, clients, pooled_bank):
    client = client_as(team_leader)
    page = client.get("/money/pooled-account/bank-details/")
    assert page.status_code == 200 and "Not recorded" in page.content.decode()

    # A mistyped sort code: the page says so and nothing is saved.
    page = client.post("/money/pooled-account/bank-details/", {"sort_code": "60-00", "account_number": "87654321",
                                                                "iban": "", "reason": "From the bank's letter"})
    assert page.status_code == 200 and "Enter the sort code as 6 digits" in page.content.decode()
    assert Account.objects.get(pk=pooled_bank.pk).bank_sort_code == ""

    page = client.post("/money/pooled-account/bank-details/", {"sort_code": "60-00-00", "account_number": "87654321",
                                                                "iban": "", "reason": "From the bank's letter"},
                       follow=True)
    body = page.content.decode()
    assert "details are saved" in body, body[body.find("govuk-main-wrapper"):][:3000]
    assert "60-00-00" in body and "Bank details recorded: From the bank&#x27;s letter" in body

    # natwest.csv is of account 60-00-00 12345678: now refused, and nothing written.
    with pytest.raises(ApplicationError) as caught:
        statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)
    assert caught.value.code == "wrong_account"
    assert StatementImport.objects.count() == 0


def test_an_officer_sees_the_details_but_no_form_and_cannot_post(client_as, officer, pooled_bank):
    client = client_as(officer)
    page = client.get("/money/pooled-account/bank-details/")
    assert page.status_code == 200 and "Save the bank details" not in page.content.decode()
    assert client.post("/money/pooled-account/bank-details/", {"sort_code": "600000", "account_number": "12345678",
                                                                "reason": "x"}).status_code == 403


# --- mapped layouts: change and retire

def test_a_layout_is_changed_with_a_reason_and_its_history_keeps_the_old_version(team_leader, officer, clients,
                                                                                pooled_bank):
    record = statement_layout_create(acting_user=team_leader, text=SAMPLE, mapping=MAPPING)
    first = statement_import(acting_user=officer, file_name="mutual-nov.csv", content=SAMPLE.encode(), commit=True)
    assert first.layout == f"mapped-{record.pk}"
    with pytest.raises(ApplicationError):
        statement_parse(content=SAMPLE_NEW.encode())  # the renamed columns are not the layout

    with pytest.raises(ApplicationError) as caught:  # a reason is needed
        statement_layout_update(acting_user=team_leader, layout=record, text=SAMPLE_NEW,
                                mapping=Mapping(**{**MAPPING.__dict__, "date": "Date posted", "description": "Details"}),
                                reason="")
    assert "Say why" in caught.value.message
    changed = statement_layout_update(
        acting_user=team_leader, layout=record, text=SAMPLE_NEW,
        mapping=Mapping(**{**MAPPING.__dict__, "date": "Date posted", "description": "Details"}),
        reason="The bank renamed two columns")
    assert changed.pk == record.pk and changed.date_column == "Date posted"
    assert statement_parse(content=SAMPLE_NEW.encode()).layout.code == f"mapped-{record.pk}"
    versions = list(record.history.order_by("history_date", "history_id"))
    assert [v.date_column for v in versions] == ["Posted", "Date posted"]
    assert versions[1].history_change_reason == "Statement layout changed: The bank renamed two columns"
    # The first import's layout is still there to read, as it was when the import used it.
    as_then = record.history.as_of(StatementImport.objects.get(file_name="mutual-nov.csv").uploaded_at)
    assert as_then.date_column == "Posted"


def test_a_change_that_does_not_fit_its_sample_is_refused_and_nothing_changes(team_leader, pooled_bank):
    record = statement_layout_create(acting_user=team_leader, text=SAMPLE, mapping=MAPPING)
    with pytest.raises(ApplicationError):
        statement_layout_update(acting_user=team_leader, layout=record, text=SAMPLE,
                                mapping=Mapping(**{**MAPPING.__dict__, "date": "Narrative"}), reason="Try")
    record.refresh_from_db()
    assert record.date_column == "Posted" and record.history.count() == 1


def test_a_used_layout_is_retired_not_deleted_and_is_no_longer_recognised(team_leader, officer, clients,
                                                                          pooled_bank):
    record = statement_layout_create(acting_user=team_leader, text=SAMPLE, mapping=MAPPING)
    statement_import(acting_user=officer, file_name="mutual.csv", content=SAMPLE.encode(), commit=True)
    with pytest.raises(PermissionDeniedError):
        statement_layout_retire(acting_user=officer, layout=record, reason="Not needed")
    statement_layout_retire(acting_user=team_leader, layout=record, reason="The bank replaced this export")
    record.refresh_from_db()
    assert record.retired_by == team_leader and record.retired_at is not None
    assert record.history.latest("history_date").history_change_reason == (
        "Statement layout retired: The bank replaced this export")
    with pytest.raises(ApplicationError) as caught:
        statement_parse(content=SAMPLE.encode())
    assert caught.value.code == "unknown_layout"
    with pytest.raises(ApplicationError):  # retired layouts are not changed
        statement_layout_update(acting_user=team_leader, layout=record, text=SAMPLE, mapping=MAPPING, reason="Back")
    assert StatementLayout.objects.filter(pk=record.pk).exists()


def test_the_layout_pages_change_and_retire(client_as, team_leader, officer, clients, pooled_bank):
    record = statement_layout_create(acting_user=team_leader, text=SAMPLE, mapping=MAPPING)
    statement_import(acting_user=officer, file_name="mutual.csv", content=SAMPLE.encode(), commit=True)
    client = client_as(team_leader)
    listing = client.get("/money/imports/layouts/").content.decode()
    assert "Test Mutual Bank" in listing and "In use" in listing

    # Change: read the new sample (the current mapping is chosen where its columns still exist), then save.
    page = client.post(f"/money/imports/layouts/{record.pk}/change/",
                       {"sample_text": SAMPLE_NEW, "heading_row": "2", "action": "read"})
    assert page.status_code == 200 and 'value="Their ref" selected' in page.content.decode()
    form = {"sample_text": SAMPLE_NEW, "heading_row": "2", "name": "Test Mutual Bank", "date": "Date posted",
            "description": "Details", "money_in": "Money in", "money_out": "Money out", "reference": "Their ref",
            "balance": "Running balance", "reason": "The bank renamed two columns"}
    page = client.post(f"/money/imports/layouts/{record.pk}/change/", {**form, "action": "preview"})
    assert "2 lines in the sample." in page.content.decode()
    page = client.post(f"/money/imports/layouts/{record.pk}/change/", {**form, "action": "save"}, follow=True)
    body = page.content.decode()
    assert "Layout Test Mutual Bank changed." in body
    assert "Statement layout changed: The bank renamed two columns" in body and "mutual.csv" in body

    # Retire: a reason is required; then it is retired and the page says so.
    page = client.post(f"/money/imports/layouts/{record.pk}/", {"reason": ""})
    assert "Say why the layout is being retired" in page.content.decode()
    page = client.post(f"/money/imports/layouts/{record.pk}/", {"reason": "The bank replaced this export"},
                       follow=True)
    body = page.content.decode()
    assert "retired: statements in it are no longer recognised" in body
    assert "Retire the layout" not in body and "Change this layout" not in body
    assert StatementLayout.objects.get(pk=record.pk).retired_at is not None
    # The import made with it names it and links to it.
    detail = client.get(f"/money/imports/{StatementImport.objects.get().pk}/").content.decode()
    assert f"/money/imports/layouts/{record.pk}/" in detail
