"""The statement pages: the runs (a team leader starts one), a run's progress and its statements, one
statement, and the run's print file."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from charging.selectors import period_from_label
from core.exceptions import ApplicationError
from core.pagination import page_of
from core.rules import can, rule_required
from debt_recovery.statements import services
from debt_recovery.statements.choices import RunStatus
from debt_recovery.statements.selectors import (
    access_statement,
    access_statement_run,
    run_progress,
    statement_runs,
    statements_visible_to,
)
from people.selectors import today

#: How many ended periods the start form offers, newest first (a year's).
PERIODS_OFFERED = 13


def _periods_offered() -> list:
    last = services.last_ended_period(on=today())
    periods = [last]
    while len(periods) < PERIODS_OFFERED:
        periods.append(periods[-1].previous())
    return periods


@require_http_methods(["GET", "HEAD", "POST"])
@rule_required("debt_recovery.view_statements", write="debt_recovery.run_statements")
def statement_run_list(request):
    """Every statement run with its progress; a team leader starts the run for an ended period."""
    periods = _periods_offered()
    error = ""
    if request.method == "POST":
        label = request.POST.get("period", "")
        try:
            period = period_from_label(label)
        except ValueError:
            error = "Choose the period to make statements for."
        else:
            from debt_recovery.statements.tasks import statements_run

            try:
                run = services.statement_run_start(acting_user=request.user, period=period,
                                                   send=lambda run_id: statements_run.delay(run_id))
            except ApplicationError as exc:
                error = exc.message
            else:
                messages.success(request, f"The statement run for {run.period} has started.")
                return redirect("debt_recovery:statement-run", pk=run.pk)
    runs = [(run, run_progress(run)) for run in statement_runs()]
    return render(request, "debt_recovery/statements/runs.html", {
        "runs": runs, "periods": periods, "error": error, "chosen": request.POST.get("period", periods[0].label),
        "can_start": can(request.user, "debt_recovery.run_statements")}, status=400 if error else 200)


@require_safe
@rule_required("debt_recovery.view_statements")
def statement_run_detail(request, pk):
    """A run's progress (the page refreshes itself while it runs) and the statements it made."""
    run = access_statement_run(pk=pk)
    statements = statements_visible_to(user=request.user).filter(run=run).order_by("debtor__reference")
    return render(request, "debt_recovery/statements/run_detail.html", {
        "run": run, "progress": run_progress(run), "running": run.status == RunStatus.RUNNING,
        "page": page_of(request, statements, 50),
        "can_start": can(request.user, "debt_recovery.run_statements") and run.status == RunStatus.FAILED,
        "can_print": can(request.user, "debt_recovery.run_statements")})


@require_safe
@rule_required("debt_recovery.run_statements")
def statement_run_print_file(request, pk):
    """The run's print file for the post room: every letter in it, in debtor order (team leaders)."""
    run = access_statement_run(pk=pk)
    if run.print_file is None or not run.print_file.is_ready:
        raise Http404("The print file is not ready yet")
    response = FileResponse(run.print_file.file.open("rb"), as_attachment=True,
                            filename=f"statements-{run.period}.pdf", content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


def statement_in_url(request, pk):
    return access_statement(user=request.user, pk=pk).debtor


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=statement_in_url)
def statement_detail(request, pk):
    """One statement: its figures as the letter shows them, and the letter to download."""
    statement = access_statement(user=request.user, pk=pk)
    return render(request, "debt_recovery/statements/statement_detail.html", {
        "statement": statement, "debtor": statement.debtor, "client": statement.debtor.client,
        "period_end": statement.run.period_end})
