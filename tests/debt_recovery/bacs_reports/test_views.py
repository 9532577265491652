"""The Bacs report pages and API: upload, see what it will do (nothing written), confirm; a bad file's
problems shown naming the item; the same file twice changes nothing; the monthly reconciliation."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from debt_recovery.bacs_reports.models import BacsReport
from debt_recovery.bacs_reports.selectors import reconciliation
from debt_recovery.bacs_reports.tasks import bacs_reconciliation_monthly
from debt_recovery.directdebits.choices import CollectionStatus
from people.models import Task
from tests.debt_recovery.bacs_reports.conftest import DUE, PROCESSED, arudd, input_report

GOOD = [("HAWORTH0001", "85.40", "1012", "INSTRUCTION CANCELLED", PROCESSED)]
API = "/api/v1/debt-recovery/bacs-reports/"


def _file(content, name="ARUDD.xml"):
    return SimpleUploadedFile(name, content, content_type="text/xml")


@pytest.mark.django_db
def test_upload_previews_what_it_will_do_then_confirm_imports(client_as, debt_officer, collected):
    web = client_as(debt_officer)
    preview = web.post("/debts/bacs-reports/upload/", {"file": _file(arudd(GOOD))})
    assert preview.status_code == 200
    assert "the direct debit is cancelled" in preview.content.decode()
    assert BacsReport.objects.count() == 0 and Task.objects.count() == 0  # nothing written yet
    done = web.post("/debts/bacs-reports/confirm/", {"content": base64.b64encode(arudd(GOOD)).decode(),
                                                     "filename": "ARUDD.xml"})
    report = BacsReport.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/debts/bacs-reports/{report.pk}/"
    page = web.get(done["Location"]).content.decode()
    assert "Norman Haworth" in page and "Direct debit cancelled by the bank" in page
    again = web.post("/debts/bacs-reports/confirm/", {"content": base64.b64encode(arudd(GOOD)).decode()})
    assert again["Location"] == f"/debts/bacs-reports/{report.pk}/" and BacsReport.objects.count() == 1


@pytest.mark.django_db
def test_a_bad_upload_shows_each_problem_naming_the_item(client_as, debt_officer, collected):
    bad = client_as(debt_officer).post("/debts/bacs-reports/upload/", {"file": _file(arudd(
        [("HAWORTH0001", "85.40", "1012", "INSTRUCTION CANCELLED", PROCESSED),
         ("NOBODY00001", "10.00", "1012", "INSTRUCTION CANCELLED", PROCESSED)]))})
    assert bad.status_code == 400
    assert "Item 2 (reference NOBODY00001): no direct debit has this reference." in bad.content.decode()
    assert BacsReport.objects.count() == 0


@pytest.mark.django_db
def test_the_api_imports_once_and_refuses_a_bad_file_with_the_same_checks(client_as, debt_officer, collected):
    api = client_as(debt_officer)
    preview = api.post(API, {"file": _file(arudd(GOOD)), "preview": "true"})
    assert preview.status_code == 200 and preview.json()["items"][0]["reason_code"] == "1"
    assert BacsReport.objects.count() == 0
    first = api.post(API, {"file": _file(arudd(GOOD))})
    assert first.status_code == 201 and first.json()["items"][0]["outcome"] == "applied"
    again = api.post(API, {"file": _file(arudd(GOOD))})
    assert again.status_code == 200 and again.json()["already_imported"] is True
    assert again.json()["id"] == first.json()["id"]
    bad = api.post(API, {"file": _file(arudd(GOOD, sun="123456"))})
    assert bad.status_code == 400
    assert "service user number 123456" in bad.json()["errors"]["file"][0]
    assert api.get(f"{API}{first.json()['id']}/").json()["items"][0]["reference"] == "HAWORTH0001"


@pytest.mark.django_db
def test_the_monthly_reconciliation_compares_collections_unpaids_and_the_bacs_credit(client_as, debt_officer,
                                                                                    debt_leader, collected):
    from debt_recovery.bacs_reports.services import bacs_report_import

    month = DUE.replace(day=1)
    rec = reconciliation(month)
    assert (rec.collected, rec.unpaid, rec.accepted_by_bacs) == (Decimal("85.40"), Decimal("0.00"), None)
    bacs_report_import(acting_user=debt_officer, content=input_report([], on=DUE, accepted="85.40"))
    assert reconciliation(month).balanced
    bacs_report_import(acting_user=debt_officer, content=arudd(GOOD, on=DUE))
    rec = reconciliation(month)
    assert rec.unpaid == Decimal("85.40") and rec.expected == Decimal("0.00")
    assert rec.difference == Decimal("0.00")  # Bacs accepted it; the bank returned it afterwards
    page = client_as(debt_officer).get(f"/debts/bacs-reports/reconciliation/?month={month:%Y-%m}")
    assert page.status_code == 200 and "£85.40" in page.content.decode()
    assert client_as(debt_officer).get("/debts/bacs-reports/reconciliation/?month=2026-13").status_code == 400
    # The job: once per month; a month that does not agree gives the team leader one task.
    collected.refresh_from_db()
    assert collected.status == CollectionStatus.UNPAID
    from debt_recovery.bacs_reports.models import BacsReport as Report
    Report.objects.filter(kind="input").update(accepted_debits=Decimal("90.00"))
    first = bacs_reconciliation_monthly(period=f"{month:%Y-%m}")
    assert first["difference"] == "4.60" and first["task"] is not None
    assert Task.objects.get(pk=first["task"]).assigned_to == debt_leader
    bacs_reconciliation_monthly(period=f"{month:%Y-%m}")
    assert Task.objects.filter(title__startswith="Direct debits do not reconcile").count() == 1
