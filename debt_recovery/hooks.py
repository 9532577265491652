"""What debt recovery adds to the shared screens (:mod:`core.registry`): the Debts tab on the client's
page, the aged debt list in the menu, the aged debt panels on *My work* and the team leader's
dashboard, the breadcrumbs of its pages and its part of the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, ClientSection, Crumb, DemoStep, MenuItem, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, CLIENTS, HOME
from people.rules import client_of

AGED_DEBT = Crumb("Aged debt", "debt_recovery:aged-debt")

#: The panels count debtors whose oldest debt is at least this old (the bands from 57 days on: past the
#: reminder and the final demand, where an officer should be looking).
PANEL_BANDS = (("d57_90", "57 to 90 days"), ("d91_180", "91 to 180 days"), ("d181_365", "181 to 365 days"),
               ("over_365", "over a year"))


def _client_debts(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Debts", reverse("debt_recovery:client-debts", args=[client.pk])) if client else None


def debts_tab(*, client, user) -> dict:
    """The Debts tab: every debtor account for the client's care, its aged balance and every charge and
    payment on it."""
    from debt_recovery.accounts.views import debtor_accounts_context
    from deferred_payments.selectors import client_deferred_debts

    # A deferred payment agreement's debt is secured on the home and repaid on sale or after death: shown
    # here, read-only, so the tab is the one view of what the person owes; the ladder never chases it.
    return {**debtor_accounts_context(client=client), "deferred_debts": client_deferred_debts(client=client)}


def _aged_counts(debtors, query: str = "") -> list[WorkCount]:
    from debt_recovery.accounts.selectors import with_aged_balances

    lines = with_aged_balances(debtors)  # two queries
    url = reverse("debt_recovery:aged-debt")
    counts = []
    for key, label in PANEL_BANDS:
        n = sum(1 for line in lines if line.aged.oldest_band == key)
        counts.append(WorkCount(f"Debtors owing for {label}", n, f"{url}?band={key}" + (f"&{query}" if query else "")))
    return counts


def aged_debt_mine(user) -> list[WorkCount]:
    """*My work*, for a debt recovery officer: the debtors of the clients their team holds, by age."""
    from debt_recovery.accounts.selectors import debtor_accounts_visible_to

    return _aged_counts(debtor_accounts_visible_to(user=user).filter(status="open"))


def aged_debt_for_team(user, scope) -> list[WorkCount]:
    """The team leader's dashboard, for a debt recovery team: its clients' debtors by age of their oldest
    debt (the chosen officer's cases only, under ``?officer=``)."""
    from debt_recovery.accounts.models import DebtorAccount
    from people.choices import Service
    from people.selectors import current_allocations

    if scope.team.service != Service.DEBT_RECOVERY:
        return []
    held = current_allocations().filter(team=scope.team)
    if scope.unallocated:
        held = held.filter(officer__isnull=True)
    elif scope.officer is not None:
        held = held.filter(officer=scope.officer)
    debtors = DebtorAccount.objects.filter(client__in=held.values("client"), status="open")
    return _aged_counts(debtors, scope.query)


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    registry.add_client_section(ClientSection(
        "debts", "Debts", "debt_recovery:client-debts", "debt_recovery.view_client_debts", order=35,
        template="debt_recovery/client_debts.html", context=debts_tab))
    registry.add_menu_item(MenuItem("Debts", "debt_recovery:aged-debt", "debt_recovery.view_aged_debt", order=55,
                                    prefixes=("/debts/",)))
    registry.add_work_panel(WorkPanel(key="aged-debt", title="Aged debt", rule="debt_recovery.work_any",
                                      counts=aged_debt_mine, order=40))
    registry.add_work_panel(WorkPanel(key="aged-debt-team", title="Aged debt", rule="debt_recovery.lead",
                                      counts=aged_debt_for_team, order=40, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:aged-debt",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:client-debts",), (HOME, CLIENTS, CLIENT)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:debtor-detail",),
                                         (HOME, CLIENTS, CLIENT, Crumb(build=_client_debts))))
    registry.add_demo_step(DemoStep("debt-recovery", _seed_demo, "Debtor accounts for the charged clients, their "
                                    "debts aged across the bands", after=("charging",)))
    # Each part of debt recovery adds its own pages, panels, jobs, letters and demo.
    from debt_recovery.bacs_reports import hooks as bacs_report_hooks
    from debt_recovery.court import hooks as court_hooks
    from debt_recovery.directdebits import hooks as directdebit_hooks
    from debt_recovery.ladder import hooks as ladder_hooks
    from debt_recovery.panel import hooks as panel_hooks
    from debt_recovery.plans import hooks as plans_hooks
    from debt_recovery.statements import hooks as statements_hooks
    from debt_recovery.writeoffs import hooks as writeoffs_hooks

    for part in (ladder_hooks, writeoffs_hooks, court_hooks, panel_hooks, statements_hooks, plans_hooks,
                 directdebit_hooks, bacs_report_hooks):
        part.register()
