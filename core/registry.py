"""Where an app plugs into the shared screens, so that the kernel never names a domain.

Each app registers, from its own ``AppConfig.ready()``, small frozen dataclasses describing what it adds;
the kernel draws whatever is registered, filtered by :mod:`core.rules`. In the spirit of Wagtail's hooks
and NetBox's registry, but typed and explicit rather than signals:

- :class:`MenuItem`: an entry in the service navigation (``My work``, ``Clients``, ``Client money``...);
- :class:`WorkPanel`: a panel of counts on *My work* (what waits for this user: approvals, sign-offs,
  held payments...) or on a team leader's dashboard, each count linking to the list behind it;
- :class:`Breadcrumbs`: the trail above a page below the top level, by URL name;
- :class:`ScheduledJob`: a Celery beat entry, declared in the app's ``tasks.py`` beside the task it
  runs; ``config/celery.py`` builds the beat schedule from them.

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
    (``place="dashboard"``). ``counts(user)`` returns the lines, with a bounded number of queries (one
    or two per line, never one per item); lines with nothing waiting are not shown, nor is a panel
    with no lines. ``rule`` decides who sees the panel at all."""

    key: str
    title: str
    rule: str
    counts: Callable[[object], list[WorkCount]]
    order: int = 100
    place: str = "my_work"


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


@dataclass
class Registry:
    menu: list[MenuItem] = field(default_factory=list)
    work_panels: list[WorkPanel] = field(default_factory=list)
    breadcrumbs: dict[str, tuple[Crumb, ...]] = field(default_factory=dict)
    jobs: list[ScheduledJob] = field(default_factory=list)

    def add_menu_item(self, item: MenuItem) -> None:
        if any(existing.url_name == item.url_name for existing in self.menu):
            raise ImproperlyConfigured(f"The menu already links to {item.url_name}.")
        self.menu.append(item)
        self.menu.sort(key=lambda each: each.order)

    def add_work_panel(self, panel: WorkPanel) -> None:
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

    def beat_schedule(self) -> dict:
        """The jobs as Celery's ``beat_schedule``."""
        return {job.name: {"task": job.task, "schedule": job.schedule} for job in self.jobs}


registry = Registry()
