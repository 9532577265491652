"""What the referrals part adds to the shared screens: the "Client affairs" menu entry (referrals and
applications), the panels on My work and the team leader's dashboard, its daily chase job, its letter,
breadcrumbs and demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, MenuItem, WorkCount, WorkPanel, registry
from deputyship.authority.hooks import IN_DEPUTYSHIP
from people.hooks import HOME


def _referral_crumb(request):
    from deputyship.referrals.models import Referral

    record = getattr(request, "rule_object", None)
    referral = record if isinstance(record, Referral) else getattr(record, "referral", None)
    return ("Referral", reverse("deputyship:referral-detail", args=[referral.pk])) if referral else None


REFERRALS = Crumb("Client affairs", "deputyship:referrals")
REFERRAL = Crumb(build=_referral_crumb)


def _counts(referrals, clients, query: str = "") -> list[WorkCount]:
    from deputyship.authority.selectors import bonds_renewal_due
    from deputyship.referrals.selectors import awaiting_documents, parties_not_told

    url = reverse("deputyship:referrals")
    tail = f"&{query}" if query else ""
    return [WorkCount("Referrals awaiting documents", awaiting_documents(referrals).count(),
                      f"{url}?show=documents{tail}"),
            WorkCount("Applications waiting: interested parties not yet told", parties_not_told(referrals).count(),
                      f"{url}?show=parties{tail}"),
            WorkCount("Security bonds due for renewal", bonds_renewal_due(clients=clients).count(), f"{url}?show=all")]


def casework_mine(user) -> list[WorkCount]:
    from deputyship.referrals.selectors import referrals_visible_to
    from people.selectors import clients_visible_to

    return _counts(referrals_visible_to(user=user), clients_visible_to(user=user))


def casework_for_team(user, scope) -> list[WorkCount]:
    from deputyship.referrals.models import Referral
    from deputyship.referrals.selectors import for_team
    from people.choices import Service
    from people.selectors import team_cases

    if scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    clients = team_cases(team=scope.team, officer=scope.officer, unallocated=scope.unallocated).values("client")
    return _counts(for_team(Referral.objects.all(), scope), clients, scope.query)


def _seed_demo(run) -> dict[str, int]:
    from deputyship.referrals.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from deputyship.referrals import tasks
    from deputyship.referrals.letters import PARTY_NOTICE
    from documents.letters import register_letter

    register_letter(PARTY_NOTICE)
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_menu_item(MenuItem("Client affairs", "deputyship:referrals", "deputyship.view_any", order=35,
                                    prefixes=("/deputyship/",)))
    registry.add_work_panel(WorkPanel(key="deputyship-casework", title="Referrals and applications",
                                      rule="deputyship.work_any", counts=casework_mine, order=20))
    registry.add_work_panel(WorkPanel(key="deputyship-casework-team", title="Referrals and applications",
                                      rule="deputyship.lead", counts=casework_for_team, order=20, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:referrals", "deputyship:thresholds"), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:referral-add", "deputyship:referral-detail",
                                          "deputyship:appointee-review-add", "deputyship:appointee-review-held"),
                                         IN_DEPUTYSHIP))
    registry.add_breadcrumbs(Breadcrumbs((
        "deputyship:referral-document-add", "deputyship:referral-no-parties", "deputyship:referral-asset-add",
        "deputyship:referral-submit", "deputyship:referral-issued", "deputyship:referral-order",
        "deputyship:referral-dwp", "deputyship:referral-bf57", "deputyship:referral-close"), (*IN_DEPUTYSHIP, REFERRAL)))
    registry.add_demo_step(DemoStep("deputyship-casework", _seed_demo, "Referrals at each stage, the council's "
                                    "deputyship for O'Connor with its bond, an appointeeship, and the threshold",
                                    after=("people",)))
