"""What charging adds to the shared screens (:mod:`core.registry`): the Charging section (the team's
assessments, approvals, rates and the April uplift), what waits for the user on *My work*, and the
breadcrumbs of the charging pages."""

from __future__ import annotations

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

CHARGING = Crumb("Charging", "charging:assessments")
RATES = Crumb("Rates", "charging:rates")
UPLIFTS = Crumb("April uplift", "charging:uplifts")
POLICY = Crumb("Charging policy", "charging:policy")


def _client_charging(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Care and charging", reverse("charging:client-charging", args=[client.pk])) if client else None


def _assessment(request):
    assessment = getattr(request, "rule_object", None)
    if assessment is None:
        return None
    return (f"Assessment of {assessment.assessment_date.day} {assessment.assessment_date:%B %Y}",
            reverse("charging:assessment-detail", args=[assessment.pk]))


def _topups(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Top-ups", reverse("casework:topup-list", args=[client.pk])) if client else None


def _topup(request):
    record = getattr(request, "rule_object", None)
    agreement = getattr(record, "agreement", record)
    return ("Top-up agreement", reverse("casework:topup-detail", args=[agreement.pk])) if agreement else None


def _uplift(request):
    run_id = request.resolver_match.kwargs.get("pk")
    return "The uplift", reverse("charging:uplift-detail", args=[run_id])


def _appeals(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Appeals and referrals", reverse("casework:appeal-list", args=[client.pk])) if client else None


CLIENT_CHARGING = Crumb(build=_client_charging)


def charging_waiting(user) -> list[WorkCount]:
    """What waits for this user in charging: approvals, their drafts, an uplift to commit."""
    from charging.assessments.choices import AssessmentStatus
    from charging.models import Assessment, UpliftRun
    from charging.uplift.choices import UpliftStatus
    from charging.selectors import assessments_awaiting_approval

    lines = []
    if can(user, "charging.approve_any"):
        lines.append(WorkCount("Assessments waiting for your approval",
                               assessments_awaiting_approval(user=user).count(), reverse("charging:approvals")))
    if can(user, "charging.work_any"):
        drafts = Assessment.objects.filter(status=AssessmentStatus.DRAFT, assessed_by=user).count()
        lines.append(WorkCount("Your draft assessments", drafts,
                               reverse("charging:assessments") + "?status=draft&mine=on"))
    if can(user, "charging.run_uplift"):
        ready = UpliftRun.objects.filter(status=UpliftStatus.PREVIEWED).count()
        lines.append(WorkCount("Uplifts previewed and waiting to be committed", ready, reverse("charging:uplifts")))
        to_confirm = UpliftRun.objects.filter(status=UpliftStatus.AWAITING_SECOND).exclude(commit_requested_by=user)
        lines.append(WorkCount("Uplifts waiting for you to confirm as the second team leader", to_confirm.count(),
                               reverse("charging:uplifts")))
    return lines


def charges_in_force(*, client, user) -> dict:
    """The summary's Charges row: the approved assessment in force for each setting, and the next."""
    from charging.assessments.views import live_charges

    return {"charges": live_charges(client)}


def charging_for_team(user, scope) -> list[WorkCount]:
    """The team leader's dashboard, for a charging team: its clients' assessments waiting for approval and
    still in draft (the chosen officer's only, under ``?officer=``). A query each."""
    from charging.assessments.choices import AssessmentStatus
    from charging.models import Assessment
    from people.choices import Service
    from people.selectors import current_allocations

    if scope.team.service != Service.CHARGING or scope.unallocated:
        return []
    held = current_allocations().filter(team=scope.team).values("client")
    assessments = Assessment.objects.filter(client__in=held)
    if scope.officer is not None:
        assessments = assessments.filter(assessed_by=scope.officer)
    return [
        WorkCount("Assessments waiting for approval",
                  assessments.filter(status=AssessmentStatus.SUBMITTED).count(), reverse("charging:approvals")),
        WorkCount("Assessments in draft", assessments.filter(status=AssessmentStatus.DRAFT).count(),
                  reverse("charging:assessments") + "?status=draft"),
    ]


def _seed_demo(run) -> dict[str, int]:
    from charging.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from charging import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_menu_item(MenuItem("Charging", "charging:assessments", "charging.use_menu", order=50,
                                    prefixes=("/charging/",)))
    registry.add_work_panel(WorkPanel(key="charging", title="Financial assessment and charging",
                                      rule="charging.use_menu", counts=charging_waiting, order=30))
    registry.add_work_panel(WorkPanel(key="charging-team", title="Financial assessments",
                                      rule="charging.approve_any", counts=charging_for_team, order=30,
                                      place="dashboard"))
    registry.add_demo_step(DemoStep("charging", _seed_demo, "Care packages, financial assessments at every "
                                    "stage, top-ups, appeals, the uplift and the charging run",
                                    after=("people", "client-money")))
    registry.add_client_section(ClientSection("charging", "Charging", "charging:client-charging",
                                              "charging.view_client_charging", order=30))
    registry.add_summary_row(SummaryRow("charging", "Charges", "charging.view_client_charging",
                                        "charging/_summary_charges.html", charges_in_force, order=30))
    on_client = (HOME, CLIENTS, CLIENT)
    for crumbs in (
        Breadcrumbs(("charging:client-charging",), on_client),
        Breadcrumbs(("charging:care-package-add", "charging:care-package-end", "charging:assessment-create",
                     "charging:assessment-detail", "casework:topup-list", "casework:appeal-list"),
                    (*on_client, CLIENT_CHARGING)),
        Breadcrumbs(("charging:assessment-edit", "charging:assessment-return", "charging:evidence-add"),
                    (*on_client, CLIENT_CHARGING, Crumb(build=_assessment))),
        Breadcrumbs(("charging:approvals", "charging:rates", "charging:uplifts"), (HOME, CHARGING)),
        Breadcrumbs(("charging:rate-add", "charging:rate-detail"), (HOME, CHARGING, RATES)),
        Breadcrumbs(("charging:uplift-detail",), (HOME, CHARGING, UPLIFTS)),
        Breadcrumbs(("charging:policy",), (HOME, CHARGING)),
        Breadcrumbs(("charging:policy-add",), (HOME, CHARGING, POLICY)),
        Breadcrumbs(("charging:uplift-item",), (HOME, CHARGING, UPLIFTS, Crumb(build=_uplift))),
        Breadcrumbs(("casework:topup-add", "casework:topup-detail"), (*on_client, CLIENT_CHARGING, Crumb(build=_topups))),
        Breadcrumbs(("casework:topup-sign", "casework:topup-end", "casework:invoice-payment", "casework:invoice-missed"),
                    (*on_client, CLIENT_CHARGING, Crumb(build=_topups), Crumb(build=_topup))),
        Breadcrumbs(("casework:appeal-add", "casework:appeal-outcome", "casework:deprivation-add",
                     "casework:referral-add"), (*on_client, CLIENT_CHARGING, Crumb(build=_appeals))),
    ):
        registry.add_breadcrumbs(crumbs)
