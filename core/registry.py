"""Where an app plugs into the shared screens, so that the kernel never names a domain.

Each app registers, from its own ``AppConfig.ready()``, small frozen dataclasses describing what it adds;
the kernel draws whatever is registered, filtered by :mod:`core.rules`. In the spirit of Wagtail's hooks
and NetBox's registry, but typed and explicit rather than signals:

- :class:`MenuItem`: an entry in the service navigation (``My work``, ``Clients``, ``Client money``...);
- :class:`WorkPanel`: a panel of counts on *My work* (what waits for this user: approvals, sign-offs,
  held payments...) or on a team leader's dashboard, each count linking to the list behind it;
- :class:`Breadcrumbs`: the trail above a page below the top level, by URL name;
- :class:`ScheduledJob`: a Celery beat entry, declared in the app's ``tasks.py`` beside the task it
  runs; ``config/celery.py`` builds the beat schedule from them;
- :class:`ClientSection`: a tab of the client's page (Contacts, Money, Charging, Letters, History...),
  each at its own URL, drawn in the page's sub-navigation for those who may see it;
- :class:`SummaryRow`: one line an app adds to the summary tab of the client's page;
- :class:`DemoStep`: an app's part of the demonstration data, run by ``manage.py seed_demo`` in order.

``docs/architecture.md`` shows each with a short example.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class MenuItem:
    """A link in the service navigation. ``rule`` (a :mod:`core.rules` name, checked with no object)
    decides who sees it; ``order`` places it (lower first); ``prefixes`` are the paths it is the
    section of (highlighted when the page is under one of them)."""

    label: str
    url_name: str
    rule: str
    order: int
    prefixes: tuple[str, ...] = ()
    badge: Callable[[object], int] | None = None  # a count shown beside the label (unread notifications)


@dataclass(frozen=True)
class WorkCount:
    """One line of a work panel: how many things wait, and the list that shows them."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class WorkPanel:
    """A panel of counts for *My work* (``place="my_work"``) or a team leader's dashboard
    (``place="dashboard"``). On *My work* ``counts(user)`` returns the lines; on a dashboard
    ``counts(user, scope)``, where ``scope`` is a :class:`DashboardScope` (the team, and the officer the
    leader picked). Either way with a bounded number of queries (one or two per line, never one per
    item); on *My work* lines with nothing waiting are not shown, nor is a panel with no lines (a
    dashboard shows its zeros). ``rule`` decides who sees the panel at all (checked with the team on a
    dashboard)."""

    key: str
    title: str
    rule: str
    counts: Callable[[object], list[WorkCount]]
    order: int = 100
    place: str = "my_work"


@dataclass(frozen=True)
class DashboardScope:
    """What a team leader's dashboard looks at: one ``team``, and either all its cases, one
    ``officer``'s (a user) or, with ``unallocated``, those no officer holds yet."""

    team: object
    officer: object | None = None
    unallocated: bool = False

    @property
    def query(self) -> str:
        """The ``?officer=`` a list behind a count keeps, so it shows the same cases."""
        if self.unallocated:
            return "officer=none"
        return f"officer={self.officer.pk}" if self.officer is not None else ""


@dataclass(frozen=True)
class Crumb:
    """One step of a trail: a fixed ``label`` and ``url_name``, or ``build(request)`` returning
    ``(label, url)`` from the page's record (``request.rule_object``) and URL arguments."""

    label: str = ""
    url_name: str = ""
    build: Callable[[object], tuple[str, str] | None] | None = None


@dataclass(frozen=True)
class Breadcrumbs:
    """The trail for the pages named in ``url_names`` (``"ledger:receipt-add"``...), top first,
    without the page itself (GOV.UK's pattern)."""

    url_names: tuple[str, ...]
    trail: tuple[Crumb, ...]


@dataclass(frozen=True)
class ScheduledJob:
    """A beat entry: run ``task`` (its registered name) on ``schedule`` (a Celery schedule such as
    ``crontab(hour=5, minute=0)``). ``about`` says in a sentence what it does and why then. The task
    itself must be safe to run twice and after a crash (``core.jobs.job_run``)."""

    name: str
    task: str
    schedule: object
    about: str


@dataclass(frozen=True)
class ClientSection:
    """A tab of the client's page. ``url_name`` is its page (taking the client's ``pk``); ``rule`` (a
    :mod:`core.rules` name, checked with the client) decides who sees the tab and may open its page
    (anyone else gets a 403); ``order`` places it (the summary is 0).

    A section drawn by the kernel gives ``template`` (the tab's body) and ``context(client=, user=)``,
    its selector, returning what the template reads; its URL points at ``people.views.client_section``
    with ``{"key": key}``. A section with a page of its own (the client's money, with its forms and
    filters) gives neither: its view renders a template that extends ``people/client_base.html``."""

    key: str
    title: str
    url_name: str
    rule: str
    order: int
    template: str = ""
    context: Callable[..., dict] | None = None


@dataclass(frozen=True)
class SummaryRow:
    """One row of the summary tab: ``label`` and ``template`` (the row's value, rendered with
    ``context(client=, user=)`` and ``client``), shown to those ``rule`` allows for the client."""

    key: str
    label: str
    rule: str
    template: str
    context: Callable[..., dict]
    order: int = 100


@dataclass
class DemoRun:
    """What a demonstration seed shares between its steps: the day it is seeded as, and what earlier
    steps made (``made["users"]``, ``made["teams"]``, ``made["clients"]``...) for later ones to use."""

    on: object
    made: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoStep:
    """An app's part of the demonstration data. ``seed(run)`` adds what is not there yet and returns
    how many of each thing it added (``{"clients": 40}``); run again, it adds nothing. ``after`` names
    the steps whose records it builds on: they run first. A ``last`` step runs after every step that is
    not: work that must see what all the others made, such as closing the month on the bank's statements."""

    key: str
    seed: Callable[[DemoRun], dict[str, int]]
    about: str
    after: tuple[str, ...] = ()
    last: bool = False


WORK_PANEL_PLACES = ("my_work", "dashboard")


@dataclass
class Registry:
    menu: list[MenuItem] = field(default_factory=list)
    work_panels: list[WorkPanel] = field(default_factory=list)
    breadcrumbs: dict[str, tuple[Crumb, ...]] = field(default_factory=dict)
    jobs: list[ScheduledJob] = field(default_factory=list)
    client_sections: list[ClientSection] = field(default_factory=list)
    summary_rows: list[SummaryRow] = field(default_factory=list)
    demo_steps: list[DemoStep] = field(default_factory=list)

    def add_menu_item(self, item: MenuItem) -> None:
        if any(existing.url_name == item.url_name for existing in self.menu):
            raise ImproperlyConfigured(f"The menu already links to {item.url_name}.")
        self.menu.append(item)
        self.menu.sort(key=lambda each: each.order)

    def add_work_panel(self, panel: WorkPanel) -> None:
        if panel.place not in WORK_PANEL_PLACES:
            raise ImproperlyConfigured(f"A work panel goes on one of {WORK_PANEL_PLACES}, not {panel.place!r}.")
        if any(existing.key == panel.key for existing in self.work_panels):
            raise ImproperlyConfigured(f"A work panel called {panel.key!r} is already registered.")
        self.work_panels.append(panel)
        self.work_panels.sort(key=lambda each: each.order)

    def add_breadcrumbs(self, crumbs: Breadcrumbs) -> None:
        for name in crumbs.url_names:
            if name in self.breadcrumbs:
                raise ImproperlyConfigured(f"{name} already has breadcrumbs.")
            self.breadcrumbs[name] = crumbs.trail

    def add_jobs(self, jobs) -> None:
        for job in jobs:
            if any(existing.name == job.name for existing in self.jobs):
                raise ImproperlyConfigured(f"A scheduled job called {job.name!r} is already registered.")
            self.jobs.append(job)

    def add_client_section(self, section: ClientSection) -> None:
        if any(existing.key == section.key for existing in self.client_sections):
            raise ImproperlyConfigured(f"A client section called {section.key!r} is already registered.")
        if any(existing.url_name == section.url_name for existing in self.client_sections):
            raise ImproperlyConfigured(f"{section.url_name} is already a client section.")
        if bool(section.template) != (section.context is not None):
            raise ImproperlyConfigured(f"The client section {section.key!r} needs both a template and a context "
                                       "(drawn by the client page) or neither (a page of its own).")
        self.client_sections.append(section)
        self.client_sections.sort(key=lambda each: (each.order, each.key))

    def client_section(self, key: str) -> ClientSection:
        for section in self.client_sections:
            if section.key == key:
                return section
        raise ImproperlyConfigured(f"No client section called {key!r} is registered.")

    def add_summary_row(self, row: SummaryRow) -> None:
        if any(existing.key == row.key for existing in self.summary_rows):
            raise ImproperlyConfigured(f"A summary row called {row.key!r} is already registered.")
        self.summary_rows.append(row)
        self.summary_rows.sort(key=lambda each: (each.order, each.key))

    def add_demo_step(self, step: DemoStep) -> None:
        if any(existing.key == step.key for existing in self.demo_steps):
            raise ImproperlyConfigured(f"A demo step called {step.key!r} is already registered.")
        self.demo_steps.append(step)

    def demo_plan(self) -> list[DemoStep]:
        """The demo steps in an order that runs each after the steps it names in ``after`` (otherwise in
        the order the apps registered them, which is ``INSTALLED_APPS``'s order), the ``last`` ones after
        all the others. A step that is not last may not wait for one that is."""
        by_key = {step.key: step for step in self.demo_steps}
        planned: list[DemoStep] = []
        visiting: set[str] = set()

        def visit(step: DemoStep) -> None:
            if step in planned:
                return
            if step.key in visiting:
                raise ImproperlyConfigured(f"The demo steps wait for each other in a circle at {step.key!r}.")
            visiting.add(step.key)
            for name in step.after:
                if name not in by_key:
                    raise ImproperlyConfigured(f"The demo step {step.key!r} comes after {name!r}, which no app "
                                               "registers.")
                if by_key[name].last and not step.last:
                    raise ImproperlyConfigured(f"The demo step {step.key!r} comes after {name!r}, which runs "
                                               "last.")
                visit(by_key[name])
            visiting.discard(step.key)
            planned.append(step)

        for step in sorted(self.demo_steps, key=lambda each: each.last):
            visit(step)
        return planned

    def beat_schedule(self) -> dict:
        """The jobs as Celery's ``beat_schedule``."""
        return {job.name: {"task": job.task, "schedule": job.schedule} for job in self.jobs}


registry = Registry()
