"""The four-weekly statement run: one statement of account per debtor per charging period, exactly once.

**When.** A period is stated once it has ended (the charging calendar, reached through
:mod:`charging.selectors`). A team leader starts the run from the statements page, or the morning job
starts the run for the period that ended last (:func:`statement_runs_due`); one run per period
(:class:`StatementRun`, unique on the period).

**Who.** Every debtor account with a balance at the start of the period or a posting in it
(:mod:`debt_recovery.statements.figures`: one set-based query over the ledger).

**How, exactly once.** :func:`statement_run_dispatch` finds the debtors not yet stated and sends them to
the workers in chunks (:func:`statements_make`): each chunk is one database transaction that locks its
debtors, works out their figures in one query, stores their statements (unique per debtor and period)
and asks for their letters (unique request key ``debt-statement:<debtor>:<period>``), then makes the
chunk's PDFs together (:func:`statements_render`). A run that stopped half way (a worker killed, the
database gone) is dispatched again, by the team leader or the next morning's job, and does only what is
left: statements not yet made, PDFs not yet rendered. When the last PDF is made the run stores one print
file of every letter, in debtor order, for the post room (:func:`statement_run_finish`, request key
``debt-statement-print:<period>``) and is complete.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from charging.selectors import Period, period_containing
from core.context import current_actor, system_user
from core.exceptions import ApplicationError
from core.history import insert_with_history, save_attributed
from core.rules import require
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.statements.choices import RunStatus
from debt_recovery.statements.figures import statement_figures
from debt_recovery.statements.models import Statement, StatementRun
from documents.choices import DocumentKind, DocumentStatus
from documents.pdf import join_pdfs
from documents.services import document_request_for_job, document_store_for_job, documents_render_together
from people.selectors import today

log = logging.getLogger(__name__)

JOB = "debt-statements"
#: Debtors per chunk (one worker task, one database transaction).
CHUNK_SIZE = 200
#: Letters made into one PDF at a time (one WeasyPrint pass; see documents.pdf.render_letters_together).
RENDER_BATCH = 100


def _acting_user():
    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


def statement_key(debtor_id: int, period: str) -> str:
    return f"debt-statement:{debtor_id}:{period}"


def last_ended_period(*, on: dt.date) -> Period:
    """The last charging period that has ended by the end of ``on``."""
    period = period_containing(on)
    return period if period.end <= on else period.previous()


def statement_run_start(*, acting_user, period: Period, on: dt.date | None = None, send=None) -> StatementRun:
    """Start (or carry on) the statement run for ``period``: a team leader's, from the statements page.
    Refused, with a sentence, for a period that has not ended, or whose run is complete. Starting a run
    already running sends only what it has not done yet. ``send`` (the task's ``delay``) is called with
    the run's id once this has committed."""
    require(acting_user, "debt_recovery.run_statements")
    on = on or today()
    if period.end >= on:
        raise ApplicationError(f"Statements for {period.label} can be made once the period has ended, from "
                               f"{period.end + dt.timedelta(days=1):%-d %B %Y}.", code="period_not_ended",
                               extra={"period": ["Choose a period that has ended."]})
    with transaction.atomic():
        run = StatementRun.objects.select_for_update().filter(period=period.label).first()
        if run is not None and run.status == RunStatus.COMPLETE:
            raise ApplicationError(f"The statements for {period.label} have been made already.",
                                   code="run_complete", extra={"period": ["This period's run is complete."]})
        if run is None:
            run = StatementRun(period=period.label, period_start=period.start, period_end=period.end,
                               started_by=acting_user)
            save_attributed(run, user=acting_user, reason=f"Statement run for {period.label} started")
        elif run.status == RunStatus.FAILED:
            run.status, run.error = RunStatus.RUNNING, ""
            save_attributed(run, user=acting_user, reason="Started again after an error")
        if send is not None:
            run_id = run.pk
            transaction.on_commit(lambda: send(run_id))
    return run


def statement_runs_due(*, on: dt.date) -> list[int]:
    """The morning job: the run for the period that ended last (started by the system if no one has
    started it), and any run left unfinished. Returns the ids of the runs to dispatch."""
    period = last_ended_period(on=on)
    with transaction.atomic():
        if not StatementRun.objects.filter(period=period.label).exists():
            user = _acting_user()
            run = StatementRun(period=period.label, period_start=period.start, period_end=period.end,
                               started_by=user)
            save_attributed(run, user=user, reason=f"Statement run for {period.label} started by the morning job")
    return list(StatementRun.objects.exclude(status=RunStatus.COMPLETE).order_by("period_start")
                .values_list("pk", flat=True))


def statement_run_dispatch(*, run_id: int, send_chunk, send_render) -> dict:
    """Send what is left of a run to the workers: the debtors not yet stated, in chunks
    (``send_chunk(run_id, debtor_ids)``), and the statements whose PDF is not made
    (``send_render(run_id, statement_ids)``); finish it if nothing is left. Safe to call again at any
    time: a chunk sent twice finds its debtors stated and does nothing."""
    with transaction.atomic():
        run = StatementRun.objects.select_for_update().get(pk=run_id)
        if run.status == RunStatus.COMPLETE:
            return {"debtors": run.debtors, "chunks": 0, "renders": 0}
        remaining = [f.debtor_id for f in statement_figures(start=run.period_start, end=run.period_end)]
        made = run.statements.count()
        run.debtors = made + len(remaining)
        if run.status == RunStatus.FAILED:
            run.status, run.error = RunStatus.RUNNING, ""
        save_attributed(run, user=_acting_user(), reason=f"{len(remaining)} debtors left to state")
        unrendered = list(run.statements.filter(document__isnull=False)
                          .exclude(document__status=DocumentStatus.READY)
                          .order_by("debtor__reference").values_list("pk", flat=True))
    chunks = [remaining[i:i + CHUNK_SIZE] for i in range(0, len(remaining), CHUNK_SIZE)]
    renders = [unrendered[i:i + CHUNK_SIZE] for i in range(0, len(unrendered), CHUNK_SIZE)]
    for chunk in chunks:
        send_chunk(run_id, chunk)
    for chunk in renders:
        send_render(run_id, chunk)
    if not chunks and not renders:
        statement_run_finish(run_id=run_id)
    return {"debtors": run.debtors, "chunks": len(chunks), "renders": len(renders)}


def statements_make(*, run_id: int, debtor_ids: list[int], on: dt.date | None = None) -> list[int]:
    """State these debtors for the run's period (one chunk, one database transaction): lock them, work
    out their figures in one query, store a statement each and ask for its letter (made by
    :func:`statements_render`). Debtors stated already, or with nothing to state, are skipped. Returns
    the new statements' ids."""
    user = _acting_user()
    with transaction.atomic():
        run = StatementRun.objects.get(pk=run_id)
        debtors = {d.pk: d for d in DebtorAccount.objects.select_for_update(no_key=True, of=("self",))
                   .filter(pk__in=debtor_ids).select_related("client", "contact__contact").order_by("pk")}
        figures = statement_figures(start=run.period_start, end=run.period_end, debtor_ids=list(debtors))
        statements = []
        for f in figures:
            statement = Statement(run=run, debtor=debtors[f.debtor_id], period=run.period,
                                  period_start=run.period_start, opening_balance=f.opening_balance,
                                  charges=f.charges, payments=f.payments, adjustments=f.adjustments,
                                  closing_balance=f.closing_balance, postings=f.postings, created_at=timezone.now())
            try:
                statement.document = document_request_for_job(
                    requested_by=user, client=statement.debtor.client, kind=DocumentKind.DEBT_STATEMENT,
                    request_key=statement_key(f.debtor_id, run.period), on=on or today(),
                    letter_args={"statement": statement}, render=False)
            except ApplicationError as exc:  # e.g. no address to post it to: the statement still stands
                statement.no_letter_reason = str(exc)[:500]
            statements.append(statement)
        insert_with_history(Statement, statements, user=user, reason=f"Statement for {run.period}")
        return list(Statement.objects.filter(run=run, debtor_id__in=[f.debtor_id for f in figures])
                    .order_by("debtor__reference").values_list("pk", flat=True))


def statements_render(*, run_id: int, statement_ids: list[int]) -> int:
    """Make the PDFs of these statements, :data:`RENDER_BATCH` letters to a WeasyPrint pass, then
    finish the run if they were its last. Returns how many were made."""
    document_ids = list(Statement.objects.filter(run_id=run_id, pk__in=statement_ids, document__isnull=False)
                        .order_by("debtor__reference").values_list("document_id", flat=True))
    made = 0
    for i in range(0, len(document_ids), RENDER_BATCH):
        made += len(documents_render_together(document_ids=document_ids[i:i + RENDER_BATCH]))
    statement_run_finish(run_id=run_id)
    return made


def statement_run_finish(*, run_id: int) -> StatementRun:
    """Complete the run once every debtor it found is stated and every letter made: one print file of
    all the letters, in debtor order, for the post room. Does nothing before then, or once done."""
    with transaction.atomic():
        run = StatementRun.objects.select_for_update().get(pk=run_id)
        if run.status == RunStatus.COMPLETE:
            return run
        statements = run.statements.select_related("document").order_by("debtor__reference")
        if statements.count() < run.debtors or statements.filter(
                Q(document__isnull=False) & ~Q(document__status=DocumentStatus.READY)).exists():
            return run
        letters = statements.filter(document__isnull=False)
        pdf = join_pdfs(_read(statement.document) for statement in letters.iterator(chunk_size=500))
        user = _acting_user()
        run.print_file = document_store_for_job(
            requested_by=run.started_by, kind=DocumentKind.DEBT_STATEMENT_PRINT_FILE,
            title=f"Statements for {run.period}: print file", request_key=f"debt-statement-print:{run.period}",
            pdf=pdf, data={"period": run.period, "statements": letters.count()})
        run.status, run.finished_at = RunStatus.COMPLETE, timezone.now()
        save_attributed(run, user=user, reason="Every statement made; print file stored")
    return run


def _read(document) -> bytes:
    with document.file.open("rb") as file:
        return file.read()


def statement_run_fail(*, run_id: int, error: str) -> None:
    """Record that a run stopped with an error (a worker gave up); starting it again carries on."""
    with transaction.atomic():
        run = StatementRun.objects.select_for_update().get(pk=run_id)
        if run.status == RunStatus.COMPLETE:
            return
        run.status, run.error = RunStatus.FAILED, error[:2000]
        save_attributed(run, user=_acting_user(), reason="Stopped with an error")
