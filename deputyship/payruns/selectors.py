"""Reads of payment runs. Runs are the client affairs team's work: their pages are for the team and those
who read everything; a line's client is shown only to those who may see the client."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from deputyship.payruns.choices import LineStatus, RunStatus
from deputyship.payruns.models import PaymentRun, PaymentRunLine
from people.selectors import clients_visible_to


def payment_runs() -> QuerySet[PaymentRun]:
    return PaymentRun.objects.select_related("prepared_by", "approved_by").order_by("-pay_on", "-id")


def access_payment_run(*, pk) -> PaymentRun:
    try:
        return payment_runs().get(pk=pk)
    except (PaymentRun.DoesNotExist, ValueError, TypeError):
        raise Http404("No payment run found") from None


def run_lines(*, run: PaymentRun) -> QuerySet[PaymentRunLine]:
    return (run.lines.select_related("client", "payment_request", "payment", "reversal")
            .order_by("client__last_name", "client_id", "id"))


def lines_visible_to(*, user) -> QuerySet[PaymentRunLine]:
    return PaymentRunLine.objects.filter(client__in=clients_visible_to(user=user))


def access_run_line(*, user, pk) -> PaymentRunLine:
    try:
        return lines_visible_to(user=user).select_related("run", "client", "payment").get(pk=pk)
    except (PaymentRunLine.DoesNotExist, ValueError, TypeError):
        raise Http404("No payment found") from None


def runs_waiting_for_approval(*, user=None) -> QuerySet[PaymentRun]:
    """Checked runs waiting for a second person (not ones the user prepared)."""
    found = PaymentRun.objects.filter(status=RunStatus.CHECKED)
    return found.exclude(prepared_by=user) if user is not None else found


def live_lines() -> tuple[str, str]:
    return (LineStatus.INCLUDED, LineStatus.POSTED)
