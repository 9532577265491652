"""The statement run: figures from the ledger checked against sums worked out here from the postings
made, the letter's text, exactly once under re-run and crash, and the real worker."""

from __future__ import annotations

import datetime as dt
import io
import time
from decimal import Decimal as D
from unittest import mock

import pytest
from pypdf import PdfReader

from core.exceptions import ApplicationError, PermissionDeniedError
from debt_recovery.statements import services
from debt_recovery.statements.choices import RunStatus
from debt_recovery.statements.models import Statement, StatementRun
from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from ledger.services import transaction_reverse
from tests.debt_recovery.statements.conftest import PERIOD, adjust

BEFORE = PERIOD.start - dt.timedelta(days=1)


def run_here(leader, period=PERIOD) -> StatementRun:
    """The whole run in this process: start, dispatch, each chunk made and rendered as a worker would."""
    run = services.statement_run_start(acting_user=leader, period=period)
    _dispatch(run.pk)
    return StatementRun.objects.get(pk=run.pk)


def _dispatch(run_id):
    def chunk(run_id, ids):
        services.statements_render(run_id=run_id, statement_ids=services.statements_make(run_id=run_id,
                                                                                         debtor_ids=ids))

    return services.statement_run_dispatch(
        run_id=run_id, send_chunk=chunk,
        send_render=lambda run_id, ids: services.statements_render(run_id=run_id, statement_ids=ids))


def pdf_text(document) -> str:
    document.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(document.file.read()))
    finally:
        document.file.close()
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def books(make_debtor, ledger, debt_officer):
    """Three debtors. Norman: a balance brought forward and every kind of movement in the period, on its
    first and last days too, and some after it. Olive: a balance and nothing in the period. Percy:
    nothing owed and nothing in the period (no statement). Each posting is listed as (debtor, kind, date,
    amount on the receivable) so that the test works the figures out for itself."""
    norman, olive, percy = make_debtor("Norman"), make_debtor("Olive"), make_debtor("Percy")
    made = []

    def charge(debtor, amount, on):
        made.append((debtor, "charge", on, D(amount)))
        return ledger.charge(debtor.ledger_account, amount, on)

    def pay(debtor, amount, on):
        made.append((debtor, "receipt", on, -D(amount)))
        return ledger.pay(debtor.ledger_account, amount, on)

    charge(norman, "612.48", PERIOD.start - dt.timedelta(days=35))
    pay(norman, "200.00", PERIOD.start - dt.timedelta(days=10))
    charge(norman, "640.12", PERIOD.start)
    charge(norman, "100.01", PERIOD.end)
    pay(norman, "150.00", PERIOD.start)
    bounced = pay(norman, "80.00", PERIOD.start + dt.timedelta(days=10))
    transaction_reverse(acting_user=debt_officer, transaction=bounced, effective_date=PERIOD.start + dt.timedelta(days=12),
                        memo="Payment returned by the bank")
    made.append((norman, "reversal", PERIOD.start + dt.timedelta(days=12), D("80.00")))
    adjust(debt_officer, norman.ledger_account, "-25.50", PERIOD.start + dt.timedelta(days=20), "test-write-off-1")
    made.append((norman, "adjustment", PERIOD.start + dt.timedelta(days=20), D("-25.50")))
    charge(norman, "999.99", PERIOD.end + dt.timedelta(days=1))  # the next period's
    charge(olive, "321.09", PERIOD.start - dt.timedelta(days=60))
    pay(percy, "10.00", PERIOD.start - dt.timedelta(days=90))
    charge(percy, "10.00", PERIOD.start - dt.timedelta(days=80))
    return {"norman": norman, "olive": olive, "percy": percy, "made": made}


def expected(made, debtor) -> dict:
    mine = [(kind, on, amount) for who, kind, on, amount in made if who == debtor]
    inside = [(kind, amount) for kind, on, amount in mine if PERIOD.start <= on <= PERIOD.end]
    figures = {
        "opening_balance": sum((a for _, on, a in mine if on < PERIOD.start), D(0)),
        "charges": sum((a for kind, a in inside if kind == "charge"), D(0)),
        "payments": -sum((a for kind, a in inside if kind == "receipt"), D(0)),
        "adjustments": sum((a for kind, a in inside if kind not in ("charge", "receipt")), D(0)),
    }
    figures["closing_balance"] = sum((a for _, on, a in mine if on <= PERIOD.end), D(0))
    return figures


def figures_of(statement) -> dict:
    return {f: getattr(statement, f) for f in ("opening_balance", "charges", "payments", "adjustments",
                                               "closing_balance")}


@pytest.mark.django_db
def test_each_debtor_with_a_balance_or_activity_gets_a_statement_with_the_ledger_figures(books, debt_leader):
    run = run_here(debt_leader)
    assert run.status == RunStatus.COMPLETE and run.debtors == 2
    made = books["made"]
    for name in ("norman", "olive"):
        statement = Statement.objects.get(debtor=books[name], period=PERIOD.label)
        assert figures_of(statement) == expected(made, books[name])
    assert not Statement.objects.filter(debtor=books["percy"]).exists()
    norman = Statement.objects.get(debtor=books["norman"])
    # Every kind in its own column; a bounced payment is an adjustment, not a smaller payment.
    assert norman.payments == D("230.00") and norman.adjustments == D("54.50")
    assert norman.postings == 6


@pytest.mark.django_db
def test_the_letter_shows_the_figures_and_how_to_pay(books, debt_leader):
    run_here(debt_leader)
    statement = Statement.objects.select_related("document", "debtor").get(debtor=books["norman"])
    assert statement.document.status == DocumentStatus.READY and statement.document.kind == DocumentKind.DEBT_STATEMENT
    text = pdf_text(statement.document)
    want = expected(books["made"], books["norman"])
    for field in ("opening_balance", "charges", "payments", "adjustments", "closing_balance"):
        assert f"£{want[field]:,.2f}" in text, field
    assert statement.debtor.reference in text
    assert "How to pay" in text and "01632 960000" in text
    assert "Mill Lane" in text  # addressed to the person at home, by their correspondence rule
    assert f"Statement of account for {PERIOD.label}" in text and "Page 1 of" not in text  # footer of a batch


@pytest.mark.django_db
def test_a_representative_named_on_the_account_gets_the_letter(make_debtor, ledger, debt_officer, debt_leader):
    from people import services as people_services
    from people.choices import Relationship
    from tests.factories import ContactFactory

    debtor = make_debtor("Rita")
    link = people_services.client_contact_link(
        acting_user=debt_officer, client=debtor.client, relationship=Relationship.ATTORNEY,
        contact=ContactFactory(name="Susan Haworth", address="4 Canal Street\nOtherton\nOT1 2AB"))
    from debt_recovery.services import debtor_account_update

    debtor_account_update(acting_user=debt_officer, account=debtor, kind="representative", contact=link,
                          letters_to="contact", name="Susan Haworth", reason="The attorney pays")
    ledger.charge(debtor.ledger_account, "88.00", PERIOD.start + dt.timedelta(days=3))
    run_here(debt_leader)
    text = pdf_text(Statement.objects.get(debtor=debtor).document)
    assert "Susan Haworth" in text and "4 Canal Street" in text and "Mill Lane" not in text


@pytest.mark.django_db
def test_the_print_file_holds_every_letter_in_debtor_order(books, debt_leader):
    run = run_here(debt_leader)
    statements = list(Statement.objects.filter(run=run).select_related("document", "debtor")
                      .order_by("debtor__reference"))
    pages = 0
    for statement in statements:
        statement.document.file.open("rb")
        pages += len(PdfReader(io.BytesIO(statement.document.file.read())).pages)
        statement.document.file.close()
    printed = pdf_text(run.print_file)
    run.print_file.file.open("rb")
    assert len(PdfReader(io.BytesIO(run.print_file.file.read())).pages) == pages
    run.print_file.file.close()
    positions = [printed.index(s.debtor.reference) for s in statements]
    assert positions == sorted(positions)
    assert run.print_file.kind == DocumentKind.DEBT_STATEMENT_PRINT_FILE


# --- exactly once -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_running_again_makes_nothing_more(books, debt_leader):
    run = run_here(debt_leader)
    counts = (Statement.objects.count(), Document.objects.count())
    assert _dispatch(run.pk) == {"debtors": 2, "chunks": 0, "renders": 0}
    services.statements_make(run_id=run.pk, debtor_ids=[books["norman"].pk, books["olive"].pk])  # a chunk sent twice
    services.statement_run_finish(run_id=run.pk)
    assert (Statement.objects.count(), Document.objects.count()) == counts
    with pytest.raises(ApplicationError) as refused:
        services.statement_run_start(acting_user=debt_leader, period=PERIOD)
    assert refused.value.code == "run_complete"
    assert StatementRun.objects.count() == 1


@pytest.mark.django_db
def test_a_run_that_crashes_half_way_carries_on_and_states_each_debtor_once(books, make_debtor, ledger, debt_leader):
    extra = make_debtor("Quentin")
    ledger.charge(extra.ledger_account, "55.55", PERIOD.start + dt.timedelta(days=5))
    real = services.insert_with_history
    calls = []

    def crash_on_second_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    run = services.statement_run_start(acting_user=debt_leader, period=PERIOD)
    with mock.patch.object(services, "CHUNK_SIZE", 1), \
            mock.patch.object(services, "insert_with_history", side_effect=crash_on_second_chunk):
        with pytest.raises(RuntimeError):
            _dispatch(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.debtors == 3
    assert Statement.objects.count() == 1  # the first chunk stands; the second rolled back whole
    assert Document.objects.filter(kind=DocumentKind.DEBT_STATEMENT).count() == 1

    with mock.patch.object(services, "CHUNK_SIZE", 1):
        assert _dispatch(run.pk)["chunks"] == 2  # only what is left
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETE
    for debtor in (books["norman"], books["olive"], extra):
        statement = Statement.objects.get(debtor=debtor, period=PERIOD.label)
        assert statement.document.status == DocumentStatus.READY
    assert Document.objects.filter(kind=DocumentKind.DEBT_STATEMENT).count() == 3
    assert figures_of(Statement.objects.get(debtor=books["norman"])) == expected(books["made"], books["norman"])


@pytest.mark.django_db
def test_pdfs_left_unmade_by_a_crash_are_made_when_the_run_carries_on(books, debt_leader):
    run = services.statement_run_start(acting_user=debt_leader, period=PERIOD)
    services.statement_run_dispatch(  # the chunks commit, then the worker dies before rendering
        run_id=run.pk, send_chunk=lambda run_id, ids: services.statements_make(run_id=run_id, debtor_ids=ids),
        send_render=lambda run_id, ids: None)
    assert Document.objects.filter(kind=DocumentKind.DEBT_STATEMENT, status=DocumentStatus.PENDING).count() == 2
    assert _dispatch(run.pk) == {"debtors": 2, "chunks": 0, "renders": 1}
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETE
    assert not Document.objects.filter(status=DocumentStatus.PENDING).exists()


@pytest.mark.django_db
def test_a_debtor_with_no_address_is_stated_without_a_letter(make_debtor, ledger, debt_leader, debt_officer):
    from people.models import Address

    debtor = make_debtor("Nomad")
    Address.objects.filter(client=debtor.client).delete()
    ledger.charge(debtor.ledger_account, "12.00", PERIOD.start)
    run = run_here(debt_leader)
    statement = Statement.objects.get(debtor=debtor)
    assert statement.document is None and "address" in statement.no_letter_reason
    assert run.status == RunStatus.COMPLETE  # the others are not held up


# --- who may, and when --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_only_a_team_leader_starts_a_run_and_only_for_an_ended_period(debt_officer, debt_leader):
    with pytest.raises(PermissionDeniedError):
        services.statement_run_start(acting_user=debt_officer, period=PERIOD)
    current = services.last_ended_period(on=dt.date.today()).next()
    with pytest.raises(ApplicationError) as refused:
        services.statement_run_start(acting_user=debt_leader, period=current)
    assert refused.value.code == "period_not_ended"
    assert not StatementRun.objects.exists()


def test_the_last_ended_period_follows_the_charging_calendar():
    assert services.last_ended_period(on=PERIOD.end) == PERIOD
    assert services.last_ended_period(on=PERIOD.end - dt.timedelta(days=1)) == PERIOD.previous()


@pytest.mark.django_db
def test_the_morning_job_starts_the_last_ended_period_once(books):
    on = PERIOD.end + dt.timedelta(days=1)
    first = services.statement_runs_due(on=on)
    second = services.statement_runs_due(on=on)
    assert first == second and len(first) == 1
    assert StatementRun.objects.get().period == PERIOD.label


def test_beat_starts_the_statements_every_morning():
    from config.celery import app

    app.finalize()
    assert app.conf.beat_schedule["debt-statements-daily"]["task"] == "debt_recovery.statements_daily"


# --- the real worker ----------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_the_workers_make_the_statements_and_the_print_file(books, debt_leader, tmp_path):
    from debt_recovery.statements.tasks import statements_run
    from tests.celery_worker import celery_worker

    with celery_worker(log_dir=tmp_path) as worker:
        run = services.statement_run_start(acting_user=debt_leader, period=PERIOD,
                                           send=lambda run_id: statements_run.delay(run_id))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status != RunStatus.RUNNING:
                break
            time.sleep(0.3)
        assert run.status == RunStatus.COMPLETE, worker.log()
        # Sent again (a double click, the morning job): nothing more.
        again = statements_run.delay(run.pk)
        assert worker.wait_for(again.id) == "succeeded"
    assert Statement.objects.count() == 2
    assert Document.objects.filter(kind=DocumentKind.DEBT_STATEMENT, status=DocumentStatus.READY).count() == 2
    assert Document.objects.filter(kind=DocumentKind.DEBT_STATEMENT_PRINT_FILE).count() == 1
    assert f"£{expected(books['made'], books['norman'])['closing_balance']:,.2f}" in pdf_text(run.print_file)
