"""What direct debits add to the shared screens: their letters, the daily run, the panel of mandates
awaiting AUDDIS lodgement, breadcrumbs and their part of the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, CLIENTS, HOME

RUNS = Crumb("Direct debit runs", "debt_recovery:dd-runs")


def awaiting_lodgement_counts(user, scope=None) -> list[WorkCount]:
    from debt_recovery.directdebits.selectors import awaiting_lodgement
    from people.choices import Service

    if scope is not None and scope.team.service != Service.DEBT_RECOVERY:
        return []
    return [WorkCount("Direct Debit Instructions awaiting AUDDIS lodgement", awaiting_lodgement(user=user).count(),
                      reverse("debt_recovery:dd-runs") + "#awaiting")]


def _debtor_crumb(request):
    debtor = getattr(request, "rule_object", None)
    debtor = getattr(debtor, "debtor", debtor)
    if debtor is None:
        return None
    return (debtor.name, reverse("debt_recovery:debtor-detail", args=[debtor.pk]))


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.directdebits.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from debt_recovery.directdebits import tasks
    from debt_recovery.directdebits.letters import LETTERS
    from documents.letters import register_letter

    for spec in LETTERS:
        register_letter(spec)
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="dd-awaiting-lodgement", title="Direct debits",
                                      rule="debt_recovery.work_any", counts=awaiting_lodgement_counts, order=45))
    registry.add_work_panel(WorkPanel(key="dd-awaiting-lodgement-team", title="Direct debits",
                                      rule="debt_recovery.lead", counts=awaiting_lodgement_counts, order=45,
                                      place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:dd-runs",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:dd-run",), (HOME, RUNS)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:debtor-direct-debit", "debt_recovery:dd-mandate-new",
                                          "debt_recovery:dd-mandate-cancel"),
                                         (HOME, CLIENTS, CLIENT, Crumb(build=_debtor_crumb))))
    registry.add_demo_step(DemoStep("debt-recovery-direct-debits", _seed_demo,
                                    "Live direct debits and a collection run with its Standard 18 file",
                                    after=("debt-recovery",)))
