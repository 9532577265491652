"""The statement pages and API: who may start a run and who may read, the run's progress and its
statements, a statement on the debtor's page, the print file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from debt_recovery.statements import services
from debt_recovery.statements.models import Statement, StatementRun
from tests.debt_recovery.statements.conftest import PERIOD
from tests.debt_recovery.statements.test_services import books, expected, run_here  # noqa: F401 (fixture)

RUNS = "/debts/statements/"


@pytest.mark.django_db
def test_a_team_leader_starts_the_run_from_the_page(client_as, debt_leader, books):  # noqa: F811
    page = client_as(debt_leader).get(RUNS)
    assert page.status_code == 200 and b"Start the statement run" in page.content
    answer = client_as(debt_leader).post(RUNS, {"period": PERIOD.label})
    run = StatementRun.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("debt_recovery:statement-run", args=[run.pk])
    assert (run.period, run.started_by) == (PERIOD.label, debt_leader)


@pytest.mark.django_db
def test_a_bad_or_unfinished_period_is_refused_with_a_message(client_as, debt_leader):
    for label, message in (("2026-P99", "Choose the period"),
                           (services.last_ended_period(on=dt.date.today()).next().label, "once the period has ended")):
        answer = client_as(debt_leader).post(RUNS, {"period": label})
        assert answer.status_code == 400 and message in answer.content.decode()
    assert not StatementRun.objects.exists()


@pytest.mark.django_db
def test_officers_and_auditors_read_but_do_not_start(client_as, debt_officer, auditor, other_officer):
    for reader in (debt_officer, auditor):
        page = client_as(reader).get(RUNS)
        assert page.status_code == 200 and b"Start the statement run" not in page.content
        assert client_as(reader).post(RUNS, {"period": PERIOD.label}).status_code == 403
    assert client_as(other_officer).get(RUNS).status_code == 403  # the charging team: not their work
    assert not StatementRun.objects.exists()


@pytest.mark.django_db
def test_the_run_page_shows_progress_and_each_statement(client_as, debt_officer, debt_leader, books):  # noqa: F811
    run = run_here(debt_leader)
    page = client_as(debt_officer).get(reverse("debt_recovery:statement-run", args=[run.pk]))
    html = page.content.decode()
    assert "2 of 2 statements made, 2 letters ready" in html and "Complete" in html
    norman = Statement.objects.get(debtor=books["norman"])
    assert f'href="{reverse("debt_recovery:statement", args=[norman.pk])}"' in html
    assert f"£{norman.closing_balance:,.2f}" in html
    assert 'http-equiv="refresh"' not in html  # it only refreshes itself while it runs
    assert "print-file" not in html  # the print file is for team leaders
    assert client_as(debt_officer).get(reverse("debt_recovery:statement-run-print-file", args=[run.pk])).status_code == 403
    printed = client_as(debt_leader).get(reverse("debt_recovery:statement-run-print-file", args=[run.pk]))
    assert printed.status_code == 200 and b"".join(printed.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_run_in_progress_refreshes_itself(client_as, debt_leader, books):  # noqa: F811
    run = services.statement_run_start(acting_user=debt_leader, period=PERIOD)
    services.statement_run_dispatch(run_id=run.pk, send_chunk=lambda *a: None, send_render=lambda *a: None)
    html = client_as(debt_leader).get(reverse("debt_recovery:statement-run", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' in html and "0 of 2 statements made" in html


@pytest.mark.django_db
def test_the_statement_and_the_debtor_page(client_as, debt_officer, other_officer, debt_leader, books):  # noqa: F811
    run_here(debt_leader)
    norman = Statement.objects.get(debtor=books["norman"])
    want = expected(books["made"], books["norman"])
    page = client_as(debt_officer).get(reverse("debt_recovery:statement", args=[norman.pk])).content.decode()
    for field in ("opening_balance", "charges", "payments", "adjustments", "closing_balance"):
        assert f"£{want[field]:,.2f}" in page
    assert reverse("documents:download", args=[norman.document_id]) in page
    debtor_page = client_as(debt_officer).get(reverse("debt_recovery:debtor-detail", args=[books["norman"].pk]))
    assert reverse("debt_recovery:statement", args=[norman.pk]) in debtor_page.content.decode()
    download = client_as(debt_officer).get(reverse("documents:download", args=[norman.document_id]))
    assert download.status_code == 200
    # Someone who may not see the client: the same 404 as a statement that does not exist.
    assert client_as(other_officer).get(reverse("debt_recovery:statement", args=[norman.pk])).status_code == 404
    assert client_as(debt_officer).get(reverse("debt_recovery:statement", args=[norman.pk + 999])).status_code == 404


@pytest.mark.django_db
def test_the_api_reads_runs_and_statements(client_as, debt_officer, other_officer, debt_leader, books):  # noqa: F811
    run = run_here(debt_leader)
    api = client_as(debt_officer)
    runs = api.get("/api/v1/debt-recovery/statement-runs/").json()
    assert runs["count"] == 1 and runs["results"][0]["status"] == "complete"
    detail = api.get(f"/api/v1/debt-recovery/statement-runs/{run.pk}/").json()
    assert (detail["debtors"], detail["statements_made"], detail["letters_ready"]) == (2, 2, 2)
    assert detail["print_file"] == run.print_file_id
    listed = api.get("/api/v1/debt-recovery/statements/", {"debtor": books["norman"].pk}).json()
    assert listed["count"] == 1
    norman = listed["results"][0]
    want = expected(books["made"], books["norman"])
    assert {k: norman[k] for k in want} == {k: f"{v:.2f}" for k, v in want.items()}
    assert norman["letter_ready"] is True
    one = api.get(f"/api/v1/debt-recovery/statements/{norman['id']}/").json()
    assert one["closing_balance"] == f"{want['closing_balance']:.2f}"
    assert api.get("/api/v1/debt-recovery/statements/", {"run": "x"}).status_code == 400
    other = client_as(other_officer)
    assert other.get(f"/api/v1/debt-recovery/statements/{norman['id']}/").status_code == 404
    assert other.get("/api/v1/debt-recovery/statements/").json()["count"] == 0
    assert other.get("/api/v1/debt-recovery/statement-runs/").status_code == 403
