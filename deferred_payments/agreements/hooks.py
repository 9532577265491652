"""What the agreements part adds to the shared screens (:mod:`core.registry`): the client's *Deferred
payments* tab, the menu item, the team's panels on *My work* and the team leader's dashboard, the
breadcrumbs, the agreement letter and the demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, ClientSection, Crumb, DemoStep, MenuItem, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, CLIENTS, HOME
from people.rules import client_of

AGREEMENTS = Crumb("Deferred payments", "deferred_payments:agreements")


def _client_tab(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Deferred payments", reverse("deferred_payments:client-deferred-payments", args=[client.pk])) \
        if client else None


def _counts(agreements, query: str = "") -> list[WorkCount]:
    """Applications awaiting approval, charges awaiting registration, agreements ending (the 90 days)."""
    from deferred_payments.agreements.choices import AgreementStatus

    url = reverse("deferred_payments:agreements")
    suffix = f"&{query}" if query else ""
    return [
        WorkCount("Agreements signed, awaiting approval", agreements.filter(status=AgreementStatus.SIGNED).count(),
                  f"{url}?status=signed{suffix}"),
        WorkCount("Legal charges awaiting registration",
                  agreements.filter(legal_charge__isnull=False, legal_charge__confirmed_on__isnull=True,
                                    status__in=[AgreementStatus.SIGNED, AgreementStatus.APPROVED]).count(),
                  f"{url}?status=approved{suffix}"),
        WorkCount("Agreements ending (sale, or within 90 days after death)",
                  agreements.filter(status=AgreementStatus.ENDING).count(), f"{url}?status=ending{suffix}"),
    ]


def panel_mine(user) -> list[WorkCount]:
    from deferred_payments.agreements.selectors import agreements_visible_to

    return _counts(agreements_visible_to(user=user))


def panel_team(user, scope) -> list[WorkCount]:
    from deferred_payments.agreements.models import Agreement
    from people.choices import Service
    from people.selectors import current_allocations

    if scope.team.service != Service.DEFERRED_PAYMENTS:
        return []
    held = current_allocations().filter(team=scope.team)
    if scope.unallocated:
        held = held.filter(officer__isnull=True)
    elif scope.officer is not None:
        held = held.filter(officer=scope.officer)
    return _counts(Agreement.objects.filter(client__in=held.values("client")), scope.query)


def client_tab(*, client, user) -> dict:
    from deferred_payments.agreements.views import client_tab as tab

    return tab(client=client, user=user)


def _seed_demo(run) -> dict[str, int]:
    from deferred_payments.agreements.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from deferred_payments.agreements.letters import AGREEMENT_LETTER
    from documents.letters import register_letter

    register_letter(AGREEMENT_LETTER)
    registry.add_client_section(ClientSection(
        "deferred-payments", "Deferred payments", "deferred_payments:client-deferred-payments",
        "deferred_payments.view_client", order=36, template="deferred_payments/_client_tab.html", context=client_tab))
    registry.add_menu_item(MenuItem("Deferred payments", "deferred_payments:agreements", "deferred_payments.view_any",
                                    order=57, prefixes=("/deferred-payments/",)))
    registry.add_work_panel(WorkPanel(key="deferred-payments", title="Deferred payments",
                                      rule="deferred_payments.work_any", counts=panel_mine, order=45))
    registry.add_work_panel(WorkPanel(key="deferred-payments-team", title="Deferred payments",
                                      rule="deferred_payments.lead", counts=panel_team, order=45, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:agreements",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:client-deferred-payments",), (HOME, CLIENTS, CLIENT)))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:application-start",),
                                         (HOME, CLIENTS, CLIENT, Crumb(build=_client_tab))))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:agreement", "deferred_payments:application",
                                          "deferred_payments:agreement-action"),
                                         (HOME, AGREEMENTS, CLIENT, Crumb(build=_client_tab))))
    registry.add_demo_step(DemoStep("deferred-payments-agreements", _seed_demo,
                                    "Deferred payment agreements: one being applied for, one active, one ending after "
                                    "a death (settled by the ending step)", after=("people", "charging")))
