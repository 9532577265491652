"""Demonstration charging work for the financial assessment team's own clients: care packages and
financial assessments at every stage, through the charging services as the people who would do it.

Priya (the team's officer) records the care packages and works the assessments out; a team leader
(``approver``) approves them, which supersedes any earlier assessment and asks for the "Your financial
assessment" letter (made by a worker once the demo's transaction commits). One client has a
re-assessment that lowered the charge (so the earlier one is superseded), one assessment waits for
approval (with a copy of the DWP award letter uploaded as evidence: a PDF made here), one is still a
draft.

Each person's income is their own (made up, like everything here); the rates are the seeded ones in
force on each assessment date. Running it again adds nothing: a client who already has a care package
is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils.html import format_html, format_html_join

from charging import services
from charging.policy.demo import seed_policy
from charging.assessments.calculator import (
    INCOME_LABELS,
    AssessmentInput,
    CapitalItem,
    CapitalKind,
    Expense,
    IncomeItem,
    IncomeKind,
    Setting,
)
from charging.models import CarePackage

D = Decimal
PENSION_AGE = 66


@dataclass(frozen=True)
class DemoCare:
    """Who gets what: the client's last name, and the care package and circumstances to assess."""

    last_name: str
    setting: str
    provider: str
    weekly_cost: Decimal
    days_ago: int
    income: tuple[IncomeItem, ...]
    capital: tuple[CapitalItem, ...] = ()
    dre: tuple[Expense, ...] = ()
    housing: tuple[Expense, ...] = ()
    stage: str = "approved"  # approved, reassessed, submitted, draft


#: Assessed this year (2026/27): State Pensions and benefits at the 2026/27 rates (charging/fixtures/
#: benefit_rates.json); those who reached State Pension age before April 2016 have the basic State Pension.
CARE = [
    DemoCare("Sandhu", Setting.RESIDENTIAL, "Elmfield House Care Home", D("845.00"), 150,
             (IncomeItem(IncomeKind.BASIC_STATE_PENSION, D("184.90")),
              IncomeItem(IncomeKind.PENSION_CREDIT_GUARANTEE, D("18.40"))),
             (CapitalItem("Savings account", D("16120.00")),)),
    DemoCare("O'Connor", Setting.RESIDENTIAL, "Elmfield House Care Home", D("845.00"), 200,
             (IncomeItem(IncomeKind.BASIC_STATE_PENSION, D("184.90")),
              IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, D("64.10"), "Teachers' Pension")),
             (CapitalItem("Building society account", D("9480.55")),), stage="reassessed"),
    DemoCare("Atkinson", Setting.NON_RESIDENTIAL, "Borsetshire Home Care Ltd", D("312.00"), 130,
             (IncomeItem(IncomeKind.NEW_STATE_PENSION, D("241.30")),
              IncomeItem(IncomeKind.PIP_DAILY_LIVING_STANDARD, D("76.70")),
              IncomeItem(IncomeKind.PIP_MOBILITY_STANDARD, D("30.30"))),
             dre=(Expense("Extra laundry", D("4.20")), Expense("Community alarm", D("3.85"))),
             housing=(Expense("Council tax (after reduction)", D("6.10")),)),
    DemoCare("Haworth", Setting.NON_RESIDENTIAL, "Borsetshire Home Care Ltd", D("198.00"), 95,
             (IncomeItem(IncomeKind.BASIC_STATE_PENSION, D("184.90")),
              IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, D("142.75"), "British Steel Pension"),
              IncomeItem(IncomeKind.PIP_DAILY_LIVING_ENHANCED, D("114.60"))),
             (CapitalItem("ISA", D("15400.00"), CapitalKind.INVESTMENT),),
             dre=(Expense("Extra heating", D("9.50")),)),
    DemoCare("Moss", Setting.NON_RESIDENTIAL, "Linden Court Supported Living", D("640.00"), 180,
             (IncomeItem(IncomeKind.ESA, D("138.20")), IncomeItem(IncomeKind.PIP_DAILY_LIVING_ENHANCED, D("114.60"))),
             dre=(Expense("Specialist bedding and laundry", D("7.40")),), stage="submitted"),
    DemoCare("Rahman", Setting.NON_RESIDENTIAL, "Borsetshire Home Care Ltd", D("156.00"), 40,
             (IncomeItem(IncomeKind.NEW_STATE_PENSION, D("241.30")),
              IncomeItem(IncomeKind.PRIVATE_PENSION, D("38.60"), "Aviva")),
             stage="draft"),
]

#: Assessed last year (2025/26), before the April uprating: the demo's uplift moves their State
#: Pensions and benefits to the 2026/27 rates, so their charges rise. ``days_ago`` counts back from
#: the uplift date. Sutton's and Sutcliffe's own pensions (not the State's) are kept for an officer to
#: check, as no percentage is given for other income.
UPLIFT_CARE = [
    DemoCare("Sutton", Setting.RESIDENTIAL, "Holly Bank Nursing Home", D("1120.00"), 150,
             (IncomeItem(IncomeKind.BASIC_STATE_PENSION, D("176.45")),
              IncomeItem(IncomeKind.ADDITIONAL_STATE_PENSION, D("42.18"), "SERPS"),
              IncomeItem(IncomeKind.AA_HIGHER, D("110.40")),
              IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, D("23.40"), "Yorkshire Water Pension Scheme")),
             (CapitalItem("Post Office savings", D("11850.00")),)),
    DemoCare("Sutcliffe", Setting.NON_RESIDENTIAL, "Borsetshire Home Care Ltd", D("210.00"), 120,
             (IncomeItem(IncomeKind.NEW_STATE_PENSION, D("230.25")),
              IncomeItem(IncomeKind.PIP_DAILY_LIVING_STANDARD, D("73.90")),
              IncomeItem(IncomeKind.PIP_MOBILITY_STANDARD, D("29.20")),
              IncomeItem(IncomeKind.PRIVATE_PENSION, D("61.30"), "Legal & General annuity"))),
    DemoCare("Hughes", Setting.NON_RESIDENTIAL, "Borsetshire Home Care Ltd", D("145.00"), 90,
             (IncomeItem(IncomeKind.NEW_STATE_PENSION, D("198.40"), "below the full rate: 30 qualifying years"),
              IncomeItem(IncomeKind.AA_LOWER, D("73.90")))),
]


def _inputs(care: DemoCare, client, *, on: dt.date, income=None) -> AssessmentInput:
    age = on.year - client.date_of_birth.year - ((on.month, on.day) < (client.date_of_birth.month,
                                                                        client.date_of_birth.day))
    return AssessmentInput(
        setting=Setting(care.setting), assessment_date=on, date_of_birth=client.date_of_birth,
        pension_credit_age=age >= PENSION_AGE, weekly_cost_of_care=care.weekly_cost, capital=care.capital,
        income=income or care.income, dre_items=care.dre, housing_costs=care.housing,
    )


def seed_charging(*, on: dt.date, users: dict, clients: list, approver=None) -> dict[str, int]:
    """``clients`` are ``(client, DemoClient, index)`` (any team's; those named in :data:`CARE` are
    used). ``users`` must hold ``priya``; ``approver`` is a team leader who sees those clients and is not
    Priya (default ``users["admin"]``). Returns counts of what was added."""
    officer = users["priya"]
    approver = approver or users["admin"]
    added = {"care packages": 0, "assessments": 0, "assessment letters": 0, "evidence files": 0}
    added["charging policy versions"] = seed_policy(acting_user=approver)  # before the assessments use it
    by_name = {person.last_name: client for client, person, _ in clients if not client.date_of_death}
    for care in CARE:
        client = by_name.get(care.last_name)
        if client is None or CarePackage.objects.filter(client=client).exists():
            continue
        started = on - dt.timedelta(days=care.days_ago)
        package = services.care_package_add(
            acting_user=officer, client=client, setting=care.setting, weekly_cost=care.weekly_cost,
            start_date=started, provider_name=care.provider, reason="Care arranged by the social work team",
        )
        added["care packages"] += 1
        assessment = services.assessment_draft_create(
            acting_user=officer, client=client, care_package=package, assessment_date=started,
            inputs=_inputs(care, client, on=started), reason="New care package",
        )
        added["assessments"] += 1
        if care.stage == "draft":
            continue
        services.evidence_add(acting_user=officer, assessment=assessment, evidences="Income",
                              document_reference="DWP benefit letters and pension statements seen at the visit")
        if care.stage == "submitted":
            services.evidence_add(
                acting_user=officer, assessment=assessment, evidences="Benefits",
                document_reference=f"DWP award letter dated {started - dt.timedelta(days=30):%d %B %Y}",
                file=_award_letter(client, care, dated=started - dt.timedelta(days=30)))
            added["evidence files"] += 1
        assessment = services.assessment_submit(acting_user=officer, assessment=assessment)
        if care.stage == "submitted":
            continue
        services.assessment_approve(acting_user=approver, assessment=assessment)
        added["assessment letters"] += 1
        if care.stage == "reassessed":
            changed = on - dt.timedelta(days=20)
            lower_income = tuple(item for item in care.income if item.kind != IncomeKind.OCCUPATIONAL_PENSION)
            again = services.assessment_draft_create(
                acting_user=officer, client=client, care_package=package, assessment_date=changed,
                inputs=_inputs(care, client, on=changed, income=lower_income),
                reason="Occupational pension stopped (scheme wound up)",
            )
            again = services.assessment_submit(acting_user=officer, assessment=again)
            services.assessment_approve(acting_user=approver, assessment=again)
            added["assessments"] += 1
            added["assessment letters"] += 1
    return added


def _award_letter(client, care: DemoCare, *, dated: dt.date) -> ContentFile:
    """A one-page PDF standing in for the DWP award letter an officer scanned at the visit (made with
    WeasyPrint, marked as a demonstration), to upload as evidence."""
    from documents.pdf import html_to_pdf  # WeasyPrint: imported only when the demo needs a PDF

    rows = format_html_join("", "<tr><td>{}</td><td style='text-align:right'>£{}</td></tr>",
                            ((INCOME_LABELS[item.kind], item.weekly) for item in care.income))
    html = format_html(
        "<html><head><style>@page {{ size: A4; margin: 2cm }} body {{ font-family: sans-serif; font-size: 11pt }}"
        " table {{ border-collapse: collapse; width: 100% }} td {{ border-bottom: 1px solid #999; padding: 4pt }}"
        " .demo {{ color: #b00; font-weight: bold }}</style></head><body>"
        "<p class='demo'>Demonstration document: not a real letter.</p>"
        "<p>Department for Work and Pensions</p><p>{}</p><p>{}</p>"
        "<h1 style='font-size: 16pt'>Your benefit award</h1>"
        "<p>From {} you will get these amounts each week.</p><table>{}</table></body></html>",
        dated.strftime("%d %B %Y"), client.full_name, dated.strftime("%d %B %Y"), rows)
    return ContentFile(html_to_pdf(html), name="DWP award letter.pdf")


def demo_uplift_date(on: dt.date):
    """The latest April uprating by ``on`` whose benefit rates are seeded for it and the year before
    (the new State Pension's full rate), or None."""
    from charging.models import Rate

    starts = list(Rate.objects.filter(code="SP_NEW_FULL", effective_from__lte=on).order_by("-effective_from")
                  .values_list("effective_from", flat=True)[:2])
    return starts[0] if len(starts) == 2 else None


def seed_uplift(*, on: dt.date, users: dict, clients: list) -> dict[str, int]:
    """People assessed last year and the April uplift that uprates them (previewed, ready for Sam to
    commit): each State Pension and benefit moves to this year's rate, so every charge rises.
    Running it again adds nothing."""
    from charging.uplift import services as uplift
    from charging.models import UpliftRun

    added = {"uplift assessments": 0, "uplifts": 0}
    uplift_date = demo_uplift_date(on)
    if uplift_date is None:
        return added
    officer, leader = users["priya"], users["sam"]
    by_name = {person.last_name: client for client, person, _ in clients if not client.date_of_death}
    for care in UPLIFT_CARE:
        client = by_name.get(care.last_name)
        if client is None or CarePackage.objects.filter(client=client).exists():
            continue
        started = uplift_date - dt.timedelta(days=care.days_ago)
        package = services.care_package_add(
            acting_user=officer, client=client, setting=care.setting, weekly_cost=care.weekly_cost,
            start_date=started, provider_name=care.provider, reason="Care arranged by the social work team")
        assessment = services.assessment_draft_create(
            acting_user=officer, client=client, care_package=package, assessment_date=started,
            inputs=_inputs(care, client, on=started), reason="New care package")
        services.evidence_add(acting_user=officer, assessment=assessment, evidences="Income",
                              document_reference="DWP award letters and pension statements seen at the visit")
        assessment = services.assessment_submit(acting_user=officer, assessment=assessment)
        services.assessment_approve(acting_user=leader, assessment=assessment)
        added["uplift assessments"] += 1
    if not UpliftRun.objects.filter(uplift_date=uplift_date).exists():
        run = uplift.uplift_start(acting_user=leader, uplift_date=uplift_date, send=False)
        uplift.uplift_preview_all(run)
        added["uplifts"] += 1
    return added


def seed_charges(*, on: dt.date) -> dict[str, int]:
    """Run the four-weekly charging for every period that has ended by ``on``, as the daily job would
    (posting each person's charge to their account and making an invoice each). Running it again, or
    the job running it later, charges nothing twice."""
    from charging.models import Invoice
    from charging.run.services import charging_run_period, periods_to_run

    before = Invoice.objects.count()
    for period in periods_to_run(on=on):
        charging_run_period(period=period)
    return {"invoices": Invoice.objects.count() - before}


def invoices_to_watch(*, clients) -> list[dict]:
    """The newest invoice with something to pay of each of ``clients`` (a queryset of clients), as its
    letter prints it: the number, the amount, the period, and the day it asks to be paid by."""
    from django.utils import timezone

    from charging.assessments.letters import payment_details
    from charging.models import Invoice

    days = dt.timedelta(days=payment_details().get("invoice_due_days", 14))
    found = []
    for client in clients.order_by("council_reference"):
        invoice = Invoice.objects.filter(client=client, amount__gt=0).order_by("-period_start").first()
        if invoice is not None:
            found.append({"client": client, "number": f"{client.council_reference}-{invoice.period}",
                          "amount": invoice.amount, "period_start": invoice.period_start,
                          "period_end": invoice.period_end,
                          "due": timezone.localtime(invoice.created_at).date() + days})
    return found


# --- charging's demo step (core.registry.DemoStep, registered in charging/hooks.py) ----------------------

def charging_tasks(person, facts, on: dt.date) -> list[str]:
    """Work the charging team has for the client, following :data:`CARE` (who has a care package and an
    assessment, at which stage) and where the person lives (``facts``: :class:`people.demo.ClientFacts`)."""
    from people.demo import long_date

    f = facts
    if f.died:
        return []  # nothing was charged: there is nothing to settle from the estate
    care = next((c for c in CARE if c.last_name == person.last_name), None)
    if care is not None:
        started = long_date(on - dt.timedelta(days=care.days_ago))
        if care.stage == "draft":
            return [f"Finish {f.name}'s financial assessment, started on {started}"]
        if care.stage == "submitted":
            return [f"Tell {f.relative} when {f.name}'s financial assessment of {started} is approved"]
        if f.attorney:
            return [f"Send {f.relative} (attorney) a copy of {f.name}'s financial assessment of {started}"]
        return [f"Check {f.name}'s first invoice charges the care from {started}"]
    if f.moved_in:
        return [f"Start the financial assessment for {f.name}, in {f.provider} since {long_date(f.moved_in)}"]
    return [f"Ask {f.relative} for {f.name}'s {f.bank} {f.account} statements since "
            f"{long_date(f.statements_from)}, for the financial assessment"]


def seed_charging_tasks(*, on: dt.date, officer, clients: list) -> dict[str, int]:
    """The charging officer's task for each client the team holds (``(client, DemoClient, index)``), due
    on the next day of :data:`people.demo.DUE_PATTERN` (a few already done). A client who has one of the
    officer's tasks already is left alone."""
    from people import services as people_services
    from people.demo import DUE_PATTERN, client_facts, long_date
    from people.models import Task

    added = 0
    for number, (client, person, index) in enumerate(clients):
        if Task.objects.filter(client=client, assigned_to=officer).exists():
            continue
        for title in charging_tasks(person, client_facts(index, person, client, on), on)[:1]:
            offset = DUE_PATTERN[(number * 5 + 1) % len(DUE_PATTERN)]
            due = on + dt.timedelta(days=offset if offset is not None else -10)
            task = people_services.task_create(
                acting_user=officer, title=title.format(due=long_date(due)), assigned_to=officer, due_date=due,
                client=client, details=f"For {client.display_name} ({client.council_reference}).")
            added += 1
            if offset is None:
                people_services.task_complete(acting_user=officer, task=task,
                                              outcome="Done; filed on the client's record.")
    return {"tasks": added}


def seed_income_tasks(*, watcher, clients) -> dict[str, int]:
    """Debt recovery (``watcher``) watches the newest invoice of each of ``clients`` (a queryset: those the
    income team holds), once the charging run has made them: a task due the day the invoice asks to be
    paid by."""
    from people import services as people_services
    from people.demo import long_date
    from people.models import Task

    added = 0
    for invoice in invoices_to_watch(clients=clients):
        client = invoice["client"]
        if Task.objects.filter(client=client, assigned_to=watcher).exists():
            continue
        people_services.task_create(
            acting_user=watcher, assigned_to=watcher, client=client, due_date=invoice["due"],
            title=f"Check {client.display_name} pays invoice {invoice['number']} (£{invoice['amount']:,}) by "
                  f"{long_date(invoice['due'])}",
            details=f"For {client.display_name} ({client.council_reference}): care charges for "
                    f"{long_date(invoice['period_start'])} to {long_date(invoice['period_end'])}.")
        added += 1
    return {"tasks": added}


def seed_demo_step(run) -> dict[str, int]:
    """Charging's part of ``manage.py seed_demo``, after the people's (:mod:`people.demo`): the charging
    officer's tasks, care packages and assessments, top-ups, appeals and referrals, the April uplift, the
    four-weekly charging run, and debt recovery's watch on the invoices it made."""
    from charging.casework.demo import seed_casework
    from people.demo import CHARGING, DEBT, clients_of
    from people.models import Client

    on, users = run.on, run.made["users"]
    clients = clients_of(run, CHARGING)
    added: dict[str, int] = {}

    def count(more: dict[str, int]) -> None:
        for name, n in more.items():
            added[name] = added.get(name, 0) + n

    count(seed_charging_tasks(on=on, officer=users["priya"], clients=clients))
    count(seed_charging(on=on, users=users, clients=clients, approver=users["sam"]))
    count(seed_casework(on=on, users=users, clients=clients))
    count(seed_uplift(on=on, users=users, clients=clients))
    count(seed_charges(on=on))
    held = Client.objects.filter(allocations__team__name=DEBT, allocations__end_date__isnull=True).distinct()
    count(seed_income_tasks(watcher=users["dev"], clients=held))
    return added
