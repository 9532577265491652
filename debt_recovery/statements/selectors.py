"""Reads of statement runs and statements, narrowed to what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from debt_recovery.accounts.selectors import debtor_accounts_visible_to
from debt_recovery.statements.models import Statement, StatementRun
from documents.choices import DocumentStatus


def statement_runs() -> QuerySet[StatementRun]:
    """Every run, newest period first, with how far each has got (one query)."""
    return StatementRun.objects.select_related("started_by", "print_file").annotate(
        made=Count("statements"),
        rendered=Count("statements", filter=Q(statements__document__status=DocumentStatus.READY)),
        without_letter=Count("statements", filter=Q(statements__document__isnull=True)),
    ).order_by("-period_start")


def access_statement_run(*, pk) -> StatementRun:
    try:
        return statement_runs().get(pk=pk)
    except (StatementRun.DoesNotExist, ValueError, TypeError):
        raise Http404("No statement run found") from None


def run_progress(run: StatementRun) -> dict:
    """What the team leader sees while the run works: debtors found, statements made, PDFs made."""
    debtors = run.debtors or 0
    done = run.rendered + run.without_letter
    return {"debtors": debtors, "made": run.made, "rendered": run.rendered, "without_letter": run.without_letter,
            "percent": 100 if run.status == "complete" else (int(done * 100 / debtors) if debtors else 0)}


def statements_visible_to(*, user) -> QuerySet[Statement]:
    """The statements of the debtors this user may see."""
    return (Statement.objects.filter(debtor__in=debtor_accounts_visible_to(user=user).values("pk"))
            .select_related("debtor", "debtor__client", "document", "run"))


def access_statement(*, user, pk) -> Statement:
    """The statement, if its debtor's client is one this user may see; otherwise 404, alike."""
    try:
        return statements_visible_to(user=user).get(pk=pk)
    except (Statement.DoesNotExist, ValueError, TypeError):
        raise Http404("No statement found") from None


def debtor_statements(*, debtor) -> QuerySet[Statement]:
    """A debtor's statements, newest first (the caller has checked access)."""
    return Statement.objects.filter(debtor=debtor).select_related("document").order_by("-period_start")
