"""What income and bills on schedule add to the shared screens: the client's *Income and bills* tab, the
second-person approvals and missed income on *My work* and the team leader's dashboard, the two daily jobs,
breadcrumbs and the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, ClientSection, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, CLIENTS, HOME
from people.rules import client_of


def _schedule_tab(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Income and bills", reverse("deputyship:client-schedule", args=[client.pk])) if client else None


def waiting_for_me(user) -> list[WorkCount]:
    """My work: unusual payments waiting for a second person, and income missed on my team's clients."""
    from deputyship.schedule.selectors import missed_income, requests_waiting_for_second_person, team_clients

    return [
        WorkCount("Payments waiting for a second person's approval",
                  requests_waiting_for_second_person(user=user).count(), reverse("deputyship:missed-income")),
        WorkCount("Income missed or different", missed_income(clients=team_clients(user=user)).count(),
                  reverse("deputyship:missed-income")),
    ]


def waiting_for_team(user, scope) -> list[WorkCount]:
    from deputyship.schedule.selectors import missed_income, requests_waiting_for_second_person, team_clients
    from people.choices import Service

    if scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    officer = "none" if scope.unallocated else scope.officer
    clients = team_clients(team=scope.team, officer=officer)
    url = reverse("deputyship:missed-income") + (f"?{scope.query}" if scope.query else "")
    return [
        WorkCount("Payments waiting for a second person's approval",
                  requests_waiting_for_second_person(team=scope.team, officer=officer).count(), url),
        WorkCount("Income missed or different", missed_income(clients=clients).count(), url),
    ]


def _seed_demo(run) -> dict[str, int]:
    from deputyship.schedule.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.schedule import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_client_section(ClientSection("schedule", "Income and bills", "deputyship:client-schedule",
                                              "deputyship.view_client", order=26))
    registry.add_work_panel(WorkPanel(key="deputyship-schedule", title="Income and bills",
                                      rule="deputyship.work_any", counts=waiting_for_me, order=26))
    registry.add_work_panel(WorkPanel(key="deputyship-schedule-team", title="Income and bills",
                                      rule="deputyship.lead", counts=waiting_for_team, order=26, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:client-schedule",), (HOME, CLIENTS, CLIENT)))
    registry.add_breadcrumbs(Breadcrumbs(
        ("deputyship:expected-income-add", "deputyship:scheduled-payment-add", "deputyship:payment-request-add",
         "deputyship:payment-request-cancel"), (HOME, CLIENTS, CLIENT, Crumb(build=_schedule_tab))))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:missed-income",), (HOME,)))
    registry.add_demo_step(DemoStep("deputyship-schedule", _seed_demo,
                                    "Expected income and scheduled bills for the client affairs teams' clients, "
                                    "a payment run waiting for approval and one approved with its files",
                                    after=("people", "client-money")))
