"""A property's timeline: every event in its life (registered, occupancy changes, valuations,
insurance, inspections, certificates, tenancies, rent, repairs, clearance, sale) in date order.

Each part of the app contributes a *source*: a function ``source(home) -> Iterable[TimelineEvent]``,
registered once from the part's ``hooks.register()``::

    from properties.timeline import add_timeline_source
    add_timeline_source("repairs", repair_events)

The timeline page (``properties:property-timeline``) asks every source and sorts what they give. A
source reads with a query or two for the one property, never one per event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class TimelineEvent:
    """One event: the day it happened, what kind of thing (``"Valuation"``), a sentence, and a link."""

    on: dt.date
    kind: str
    text: str
    url: str = ""


_SOURCES: dict[str, Callable[[object], Iterable[TimelineEvent]]] = {}


def add_timeline_source(key: str, source: Callable[[object], Iterable[TimelineEvent]]) -> None:
    """Register a part's source of events; a second source under the same key is refused."""
    if key in _SOURCES and _SOURCES[key] is not source:
        raise ImproperlyConfigured(f"A timeline source called {key!r} is already registered.")
    _SOURCES[key] = source


def timeline_sources() -> list[str]:
    return list(_SOURCES)


def property_timeline(*, home) -> list[TimelineEvent]:
    """Every source's events for ``home``, oldest first (events on one day keep their sources' order)."""
    events: list[TimelineEvent] = []
    for source in _SOURCES.values():
        events.extend(source(home))
    return sorted(events, key=lambda event: event.on)
