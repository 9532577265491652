"""``manage.py seed_demo``: every app's part of the demonstration data, in order.

Each app registers a :class:`core.registry.DemoStep` from its ``AppConfig.ready()`` (``people`` the
teams, logins and clients; ``ledger`` the North team's client money; ``charging`` the assessments and
the charging run...), naming the steps it builds on (``after``). :func:`seed_demo` runs them in that
order, in one database transaction, as the ``seed_demo`` job (every history row the system user's),
sharing one :class:`core.registry.DemoRun` through which a step hands later ones what it made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from core.context import acting_as_job
from core.registry import DemoRun, registry
from people.selectors import today


@dataclass
class SeedResult:
    """What a seed added, by kind of record (``{"clients": 40, "tasks": 61...}``), and which steps ran."""

    created: dict[str, int] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)

    def add(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            if count:
                self.created[name] = self.created.get(name, 0) + count


def seed_demo(*, on: dt.date | None = None) -> SeedResult:
    """Run every registered demo step in order (see the module's docstring)."""
    run = DemoRun(on=on or today())
    result = SeedResult()
    with acting_as_job("seed_demo"), transaction.atomic():
        for step in registry.demo_plan():
            result.add(step.seed(run))
            result.steps.append(step.key)
    return result
