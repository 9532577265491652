"""What the ledger adds to the shared screens (:mod:`core.registry`): the Client money section, the
client money work waiting on *My work* (sign-offs, held payments, suspense, the month to reconcile),
and the breadcrumbs of the money pages."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from core.registry import (
    Breadcrumbs,
    ClientSection,
    Crumb,
    DemoStep,
    MenuItem,
    SummaryRow,
    WorkCount,
    WorkPanel,
    registry,
)
from core.rules import can
from people.hooks import CLIENT, CLIENTS, HOME
from people.rules import client_of

COUNCIL_MONEY = Crumb("Client money", "ledger:overview")
SUSPENSE = Crumb("Suspense", "ledger:suspense")
STATEMENTS = Crumb("Bank statements", "ledger:imports")
RECONCILIATIONS = Crumb("Reconciliations", "ledger:reconciliations")
POOLED_ACCOUNT = Crumb("Pooled client bank account", "ledger:pooled-account")
LAYOUTS = Crumb("Statement layouts", "ledger:statement-layouts")


def _client_money(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Money", reverse("ledger:client-money", args=[client.pk])) if client is not None else None


def _reconciliation(request):
    record = getattr(request, "rule_object", None)
    if record is None:
        return None
    return f"{record.month:%B %Y}", reverse("ledger:reconciliation-detail", args=[record.pk])


def client_money_waiting(user) -> list[WorkCount]:
    """What waits for this user in client money: a few counts, a query each."""
    from ledger import reconciliation, selectors
    from ledger.models import Reconciliation, ReconciliationStatus
    from people.choices import Service
    from people.selectors import current_allocations, today

    lines = []
    if can(user, "ledger.sign_off_reconciliation"):
        waiting = Reconciliation.objects.filter(status=ReconciliationStatus.PREPARED).exclude(prepared_by=user)
        lines.append(WorkCount("Reconciliations waiting for your sign-off", waiting.count(),
                               reverse("ledger:reconciliations")))
    if can(user, "ledger.work_council_money"):
        held_for = current_allocations().filter(service=Service.CLIENT_AFFAIRS, team__memberships__user=user)
        held = selectors.held_payments().filter(client__in=held_for.values("client")).exclude(requested_by=user)
        lines.append(WorkCount("Payments held for a second officer to check", held.count(),
                               reverse("ledger:overview") + "#held"))
        to_confirm = selectors.receipts_to_confirm().filter(client__in=held_for.values("client")).exclude(
            recorded_by=user)
        lines.append(WorkCount("Receipts recorded by hand for a second officer to confirm", to_confirm.count(),
                               reverse("ledger:overview") + "#to-confirm"))
        lines.append(WorkCount("Bank lines waiting in suspense", selectors.suspense_lines().count(),
                               reverse("ledger:suspense")))
        last_month = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        if reconciliation.standing(last_month) is None:
            lines.append(WorkCount(f"Reconciliation for {last_month:%B %Y} to prepare", 1,
                                   reverse("ledger:reconciliations")))
    return lines


def money_held(*, client, user) -> dict:
    """The summary's Money row: what the council holds for the client (None before any client money
    account is opened)."""
    from ledger.selectors import account_balance, client_funds_account

    account = client_funds_account(client=client)
    return {"money_held": account_balance(account=account) if account is not None else None}


def client_money_for_team(user, scope) -> list[WorkCount]:
    """The team leader's dashboard, for a client affairs team: payments held and receipts waiting for a
    second officer, for the team's clients (the chosen officer's cases only, under ``?officer=``)."""
    from ledger import selectors
    from people.choices import Service
    from people.selectors import team_cases

    if scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    held_for = team_cases(team=scope.team, officer=scope.officer, unallocated=scope.unallocated).values("client")
    return [
        WorkCount("Payments held for a second officer",
                  selectors.held_payments().filter(client__in=held_for).count(), reverse("ledger:overview") + "#held"),
        WorkCount("Receipts to confirm", selectors.receipts_to_confirm().filter(client__in=held_for).count(),
                  reverse("ledger:overview") + "#to-confirm"),
    ]


def _seed_demo(run) -> dict[str, int]:
    from ledger.demo import seed_demo_step

    return seed_demo_step(run)


def _seed_month_end(run) -> dict[str, int]:
    from ledger.demo import seed_month_end_step

    return seed_month_end_step(run)


def register() -> None:
    from ledger import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_menu_item(MenuItem("Client money", "ledger:overview", "ledger.view_council_money", order=40,
                                    prefixes=("/money/",)))
    registry.add_work_panel(WorkPanel(key="client-money", title="Client money", rule="ledger.view_council_money",
                                      counts=client_money_waiting, order=20))
    registry.add_work_panel(WorkPanel(key="client-money-team", title="Client money",
                                      rule="ledger.sign_off_reconciliation", counts=client_money_for_team,
                                      order=20, place="dashboard"))
    registry.add_demo_step(DemoStep("client-money", _seed_demo, "The North team's client money: receipts and "
                                    "payments", after=("people",)))
    registry.add_demo_step(DemoStep("client-money-month-end", _seed_month_end, "The pooled account's bank "
                                    "statements and monthly reconciliations, once every team's money is in",
                                    after=("client-money",), last=True))
    registry.add_client_section(ClientSection("money", "Money", "ledger:client-money", "ledger.view_client_money",
                                              order=20))
    registry.add_summary_row(SummaryRow("money", "Money held", "ledger.view_client_money",
                                        "ledger/_summary_money.html", money_held, order=20))
    for crumbs in (
        Breadcrumbs(("ledger:client-money",), (HOME, CLIENTS, CLIENT)),
        Breadcrumbs(("ledger:receipt-add", "ledger:payment-add", "ledger:payment-cancel"),
                    (HOME, CLIENTS, CLIENT, Crumb(build=_client_money))),
        Breadcrumbs(("ledger:pooled-account", "ledger:suspense", "ledger:imports", "ledger:reconciliations"),
                    (HOME, COUNCIL_MONEY)),
        Breadcrumbs(("ledger:suspense-allocate",), (HOME, COUNCIL_MONEY, SUSPENSE)),
        Breadcrumbs(("ledger:import-preview", "ledger:import-detail", "ledger:statement-layout-new",
                     "ledger:statement-layouts"), (HOME, COUNCIL_MONEY, STATEMENTS)),
        Breadcrumbs(("ledger:statement-layout", "ledger:statement-layout-change"),
                    (HOME, COUNCIL_MONEY, STATEMENTS, LAYOUTS)),
        Breadcrumbs(("ledger:bank-details",), (HOME, COUNCIL_MONEY, POOLED_ACCOUNT)),
        Breadcrumbs(("ledger:reconciliation-detail",), (HOME, COUNCIL_MONEY, RECONCILIATIONS)),
        Breadcrumbs(("ledger:reconciliation-reopen",),
                    (HOME, COUNCIL_MONEY, RECONCILIATIONS, Crumb(build=_reconciliation))),
    ):
        registry.add_breadcrumbs(crumbs)
