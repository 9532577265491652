"""The plug-in points' contracts (core.registry): what a registration must give, what is refused, the
order things are drawn in, and that the apps' own registrations are there. Each test uses a fresh
Registry, so nothing here changes what the running site has registered."""

from __future__ import annotations

import dataclasses

import pytest
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from core.registry import (
    ClientSection,
    DashboardScope,
    DemoRun,
    DemoStep,
    MenuItem,
    Registry,
    ScheduledJob,
    SummaryRow,
    WorkCount,
    WorkPanel,
    registry,
)


def nothing(**kwargs) -> dict:
    return {}


def section(key, order=50, url_name=None, **extra) -> ClientSection:
    return ClientSection(key, key.title(), url_name or f"app:client-{key}", "people.view_client", order, **extra)


# --- client sections and summary rows -------------------------------------------------------------------

def test_client_sections_are_drawn_in_order_whoever_registers_first():
    house = Registry()
    for each in (section("history", 80), section("money", 20), section("summary", 0), section("contacts", 40)):
        house.add_client_section(each)
    assert [s.key for s in house.client_sections] == ["summary", "money", "contacts", "history"]
    assert house.client_section("money").url_name == "app:client-money"
    with pytest.raises(ImproperlyConfigured):
        house.client_section("deeds")


def test_a_client_section_is_frozen_and_named_once():
    house = Registry()
    house.add_client_section(section("money"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        house.client_sections[0].title = "Cash"
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        house.add_client_section(section("money", url_name="other:client-money"))
    with pytest.raises(ImproperlyConfigured, match="already a client section"):
        house.add_client_section(section("cash", url_name="app:client-money"))


@pytest.mark.parametrize("extra", [{"template": "x.html"}, {"context": nothing}])
def test_a_client_section_drawn_by_the_page_needs_a_template_and_a_context_together(extra):
    with pytest.raises(ImproperlyConfigured, match="both a template and a context"):
        Registry().add_client_section(section("deeds", **extra))
    Registry().add_client_section(section("deeds", template="x.html", context=nothing))  # both: fine
    Registry().add_client_section(section("deeds"))  # neither: a page of its own


def test_summary_rows_are_ordered_and_named_once():
    house = Registry()
    house.add_summary_row(SummaryRow("charging", "Charges", "people.view_client", "c.html", nothing, order=30))
    house.add_summary_row(SummaryRow("money", "Money held", "people.view_client", "m.html", nothing, order=20))
    assert [row.key for row in house.summary_rows] == ["money", "charging"]
    with pytest.raises(ImproperlyConfigured):
        house.add_summary_row(SummaryRow("money", "Cash", "people.view_client", "m.html", nothing))


def test_the_apps_register_the_client_page_people_draws_without_naming_them():
    keys = [s.key for s in registry.client_sections]
    assert keys == ["summary", "money", "deputyship", "schedule", "charging", "debts", "property", "deferred-payments",
                    "contacts", "tasks", "notes", "letters", "history"]
    assert {s.url_name for s in registry.client_sections} >= {"ledger:client-money", "charging:client-charging",
                                                              "documents:client-letters", "audit:client-history"}
    assert [row.key for row in registry.summary_rows] == ["money", "legal-authority", "charging", "property"]


# --- work panels -------------------------------------------------------------------------------------------

def test_work_panels_go_on_my_work_or_a_dashboard_in_order():
    house = Registry()
    lines = lambda user, scope=None: [WorkCount("Waiting", 1, "/")]  # noqa: E731
    house.add_work_panel(WorkPanel("b", "B", "people.use_service", lines, order=20, place="dashboard"))
    house.add_work_panel(WorkPanel("a", "A", "people.use_service", lines, order=10))
    assert [(p.key, p.place) for p in house.work_panels] == [("a", "my_work"), ("b", "dashboard")]
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        house.add_work_panel(WorkPanel("a", "A again", "people.use_service", lines))
    with pytest.raises(ImproperlyConfigured, match="goes on one of"):
        house.add_work_panel(WorkPanel("c", "C", "people.use_service", lines, place="sidebar"))


def test_a_dashboard_scope_is_kept_by_the_lists_behind_its_counts():
    class Officer:
        pk = 7

    assert DashboardScope(team=None).query == ""
    assert DashboardScope(team=None, officer=Officer()).query == "officer=7"
    assert DashboardScope(team=None, unallocated=True).query == "officer=none"


def test_the_caseloads_dashboard_is_built_from_registered_panels():
    on_dashboard = {p.key for p in registry.work_panels if p.place == "dashboard"}
    assert {"caseload", "team-tasks", "client-money-team", "charging-team"} <= on_dashboard


# --- menu, jobs -----------------------------------------------------------------------------------------

def test_menu_items_link_once_each_in_order():
    house = Registry()
    house.add_menu_item(MenuItem("Clients", "people:client-search", "people.use_service", order=20))
    house.add_menu_item(MenuItem("My work", "my-work", "people.use_service", order=10))
    assert [m.label for m in house.menu] == ["My work", "Clients"]
    with pytest.raises(ImproperlyConfigured):
        house.add_menu_item(MenuItem("Find", "people:client-search", "people.use_service", order=30))


def test_scheduled_jobs_become_the_beat_schedule_and_are_named_once():
    house = Registry()
    daily = crontab(hour=6, minute=0)
    house.add_jobs([ScheduledJob("statements", "debt.tasks.statements", daily, "Four-weekly statements.")])
    assert house.beat_schedule() == {"statements": {"task": "debt.tasks.statements", "schedule": daily}}
    with pytest.raises(ImproperlyConfigured):
        house.add_jobs([ScheduledJob("statements", "other.task", daily, "Again.")])


# --- demo steps -----------------------------------------------------------------------------------------

def step(key, after=(), ran=None, last=False) -> DemoStep:
    def seed(run: DemoRun) -> dict[str, int]:
        ran.append(key)
        run.made[key] = True
        return {key: 1}

    return DemoStep(key, seed, f"The {key}", after=after, last=last)


def test_demo_steps_run_after_the_steps_they_build_on():
    house, ran = Registry(), []
    for each in (step("charging", after=("people", "money"), ran=ran), step("money", after=("people",), ran=ran),
                 step("people", ran=ran), step("property", ran=ran)):
        house.add_demo_step(each)
    plan = [s.key for s in house.demo_plan()]
    assert plan == ["people", "money", "charging", "property"]
    run = DemoRun(on=None)
    for each in house.demo_plan():
        each.seed(run)
    assert ran == plan and set(run.made) == set(plan)


def test_a_last_demo_step_runs_after_every_other_step_whatever_the_order_of_registration():
    house = Registry()
    for each in (step("people", ran=[]), step("month-end", after=("money",), ran=[], last=True),
                 step("money", after=("people",), ran=[]), step("property", after=("money",), ran=[]),
                 step("sale", after=("property",), ran=[])):
        house.add_demo_step(each)
    assert [s.key for s in house.demo_plan()] == ["people", "money", "property", "sale", "month-end"]
    waits = Registry()
    waits.add_demo_step(step("month-end", ran=[], last=True))
    waits.add_demo_step(step("report", after=("month-end",), ran=[]))
    with pytest.raises(ImproperlyConfigured, match="runs last"):
        waits.demo_plan()


def test_demo_steps_that_wait_for_a_missing_or_circular_step_are_refused():
    house = Registry()
    house.add_demo_step(step("money", after=("people",), ran=[]))
    with pytest.raises(ImproperlyConfigured, match="no app registers"):
        house.demo_plan()
    circle = Registry()
    circle.add_demo_step(step("a", after=("b",), ran=[]))
    circle.add_demo_step(step("b", after=("a",), ran=[]))
    with pytest.raises(ImproperlyConfigured, match="circle"):
        circle.demo_plan()
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        circle.add_demo_step(step("a", ran=[]))
