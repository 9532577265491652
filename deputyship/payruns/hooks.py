"""What payment runs add to the shared screens: runs waiting for approval on *My work* and the team
leader's dashboard, a menu entry and breadcrumbs. (Their demo is part of the schedule part's step.)"""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, WorkCount, WorkPanel, registry
from people.hooks import HOME

RUNS = Crumb("Payment runs", "deputyship:payment-runs")


def _run(request):
    from deputyship.payruns.models import PaymentRunLine

    match = request.resolver_match
    if match is None or "pk" not in match.kwargs:
        return None
    line = PaymentRunLine.objects.filter(pk=match.kwargs["pk"]).only("run_id").first()
    if line is None:
        return None
    return f"Payment run PR{line.run_id:06d}", reverse("deputyship:payment-run", args=[line.run_id])


def runs_waiting(user) -> list[WorkCount]:
    from deputyship.payruns.selectors import runs_waiting_for_approval

    return [WorkCount("Payment runs waiting for your approval", runs_waiting_for_approval(user=user).count(),
                      reverse("deputyship:payment-runs"))]


def runs_waiting_for_team(user, scope) -> list[WorkCount]:
    from deputyship.payruns.selectors import runs_waiting_for_approval
    from people.choices import Service

    if scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    return [WorkCount("Payment runs waiting for approval", runs_waiting_for_approval().count(),
                      reverse("deputyship:payment-runs"))]


def register() -> None:
    """Register this part's panels, menu and breadcrumbs; called from ``deputyship.hooks.register()``."""
    registry.add_work_panel(WorkPanel(key="deputyship-payment-runs", title="Payment runs",
                                      rule="deputyship.work_any", counts=runs_waiting, order=27))
    registry.add_work_panel(WorkPanel(key="deputyship-payment-runs-team", title="Payment runs",
                                      rule="deputyship.lead", counts=runs_waiting_for_team, order=27,
                                      place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:payment-runs",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:payment-run",), (HOME, RUNS)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:payment-run-line-remove", "deputyship:payment-run-line-reject"),
                                         (HOME, RUNS, Crumb(build=_run))))
