"""Reads of income and bills on schedule, narrowed to the clients the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from deputyship.schedule.choices import IncomeCheckOutcome, RequestStatus
from deputyship.schedule.models import ExpectedIncome, IncomeCheck, PaymentRequest, ScheduledPayment
from people.choices import Service, TaskStatus
from people.selectors import clients_visible_to, current_allocations


def client_expected_income(*, client) -> QuerySet[ExpectedIncome]:
    return ExpectedIncome.objects.filter(client=client).order_by("ends_on", "first_due_on", "id")


def client_scheduled_payments(*, client) -> QuerySet[ScheduledPayment]:
    return ScheduledPayment.objects.filter(client=client).order_by("ends_on", "first_due_on", "id")


def client_payment_requests(*, client) -> QuerySet[PaymentRequest]:
    return (PaymentRequest.objects.filter(client=client).select_related("requested_by", "approved_by")
            .order_by("-due_on", "-id"))


def client_income_checks(*, client) -> QuerySet[IncomeCheck]:
    return (IncomeCheck.objects.filter(client=client).select_related("expected", "statement_line", "task")
            .order_by("-due_on", "-id"))


def requests_visible_to(*, user) -> QuerySet[PaymentRequest]:
    return PaymentRequest.objects.filter(client__in=clients_visible_to(user=user))


def access_payment_request(*, user, pk) -> PaymentRequest:
    try:
        return requests_visible_to(user=user).select_related("client").get(pk=pk)
    except (PaymentRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("No payment request found") from None


def _team_clients(*, user=None, team=None, officer=None):
    allocations = current_allocations().filter(service=Service.CLIENT_AFFAIRS)
    if team is not None:
        allocations = allocations.filter(team=team)
    if user is not None:
        allocations = allocations.filter(team__memberships__user=user)
    if officer == "none":
        allocations = allocations.filter(officer__isnull=True)
    elif officer is not None:
        allocations = allocations.filter(officer=officer)
    return allocations.values("client")


def requests_waiting_for_second_person(*, user=None, team=None, officer=None) -> QuerySet[PaymentRequest]:
    """Unusual requests for the team's clients waiting for a second person (not the user's own)."""
    found = PaymentRequest.objects.filter(status=RequestStatus.AWAITING_APPROVAL,
                                          client__in=_team_clients(user=user, team=team, officer=officer))
    return found.exclude(requested_by=user) if user is not None else found


def team_clients(*, user=None, team=None, officer=None):
    """The clients a client affairs team holds (the user's teams, or ``team``, narrowed to an officer)."""
    return _team_clients(user=user, team=team, officer=officer)


def missed_income(*, clients) -> QuerySet[IncomeCheck]:
    """Income missed or different whose task is still open, for ``clients`` (a queryset of clients or of
    their ids)."""
    return (IncomeCheck.objects.filter(outcome__in=[IncomeCheckOutcome.MISSED, IncomeCheckOutcome.DIFFERS])
            .filter(Q(task__isnull=True) | ~Q(task__status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]))
            .filter(client__in=clients)
            .select_related("client", "expected", "statement_line", "task").order_by("-due_on", "-id"))
