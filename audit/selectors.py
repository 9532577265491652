"""Reading the change history of every audited model as one list, for auditors.

Each model that keeps history (``core.history.audited()``, or ``simple_history.register`` with our
``HistoryContext`` columns) has its own historical table. :func:`history_sources` finds them all
from the model registry, so a model added later appears here without any change to this module.
:func:`history_rows` selects the same columns from each table (when, who, what, reason, request
id, and the client the record belongs to) and puts them together with ``UNION ALL``, newest first,
filtered in each table before the union. The page reads one slice of it; the exports read it
through a server-side cursor, a chunk at a time.

A record belongs to a client when its model is ``people.Client`` itself or has a foreign key to it
(``client``); other records (teams, contacts, job runs, staff accounts) have no client and are left
out when the history is filtered by client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import BigIntegerField, CharField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone

from core.rules import can
from people.models import Client

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}

# The union's columns. Prefixed so they never collide with a field of a historical model.
COLUMNS = (
    "audit_at", "audit_model", "audit_history_id", "audit_action", "audit_user_id", "audit_user_name",
    "audit_reason", "audit_request_id", "audit_object_id", "audit_client_id", "audit_client_ref",
)


def may_read_history(user) -> bool:
    """Auditors and administrators read the change history and the access log (:mod:`audit.rules`)."""
    return can(user, "audit.read_history")


@dataclass(frozen=True)
class HistorySource:
    """One audited model and its historical table."""

    label: str  # "people.client"
    name: str  # "Client", for people
    model: type[models.Model]
    history_model: type[models.Model]
    client_column: str | None  # the historical column holding the client's id, if any

    @property
    def object_column(self) -> str:
        return self.model._meta.pk.attname


@cache
def history_sources() -> tuple[HistorySource, ...]:
    """Every model whose history carries our attribution columns, in the order of their names."""
    found = []
    for model in apps.get_models():
        manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
        if not manager_name:
            continue
        history_model = getattr(model, manager_name).model
        field_names = {f.name for f in history_model._meta.get_fields()}
        if not {"request_id", "history_user_name"} <= field_names:
            continue
        found.append(
            HistorySource(
                label=model._meta.label_lower,
                name=str(model._meta.verbose_name).capitalize(),
                model=model,
                history_model=history_model,
                client_column=_client_column(model),
            )
        )
    return tuple(sorted(found, key=lambda s: (s.name, s.label)))


def _client_column(model) -> str | None:
    if model is Client:
        return model._meta.pk.attname
    links = [
        f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is Client
    ]
    links.sort(key=lambda f: f.name != "client")  # a field called "client" first
    return links[0].attname if links else None


def source_for(label: str) -> HistorySource | None:
    return next((s for s in history_sources() if s.label == label), None)


@dataclass(frozen=True)
class HistoryFilter:
    """What the auditor asked for; empty means "any"."""

    client: Client | None = None
    model: str = ""
    record: str = ""
    user: str = ""
    request_id: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _branch(source: HistorySource, wanted: HistoryFilter) -> QuerySet | None:
    if wanted.model and source.label != wanted.model:
        return None
    if wanted.client is not None and source.client_column is None:
        return None
    qs = source.history_model.objects.all()
    if wanted.client is not None:
        qs = qs.filter(**{source.client_column: wanted.client.pk})
    if wanted.record:
        qs = qs.filter(**{source.object_column: wanted.record})
    if wanted.user:
        qs = qs.filter(
            Q(history_user__username__iexact=wanted.user) | Q(history_user_name__icontains=wanted.user)
        )
    if wanted.request_id:
        qs = qs.filter(request_id=wanted.request_id)
    if wanted.date_from:
        qs = qs.filter(history_date__gte=_start_of(wanted.date_from))
    if wanted.date_to:
        qs = qs.filter(history_date__lt=_start_of(wanted.date_to + dt.timedelta(days=1)))
    if source.client_column:
        client_id = F(source.client_column)
        client_ref = Subquery(
            Client.objects.filter(pk=OuterRef(source.client_column)).order_by().values("council_reference")[:1]
        )
    else:
        client_id = Value(None, output_field=BigIntegerField())
        client_ref = Value(None, output_field=CharField())
    return qs.order_by().values(
        audit_at=F("history_date"),
        audit_model=Value(source.label, output_field=CharField()),
        audit_history_id=F("history_id"),
        audit_action=F("history_type"),
        audit_user_id=F("history_user_id"),
        audit_user_name=F("history_user_name"),
        audit_reason=Cast("history_change_reason", output_field=models.TextField()),
        audit_request_id=F("request_id"),
        audit_object_id=Cast(source.object_column, output_field=CharField()),
        audit_client_id=Cast(client_id, output_field=BigIntegerField()),
        audit_client_ref=client_ref,
    )


def history_rows(*, wanted: HistoryFilter) -> QuerySet:
    """The history rows matching ``wanted``, newest first, as dicts with the keys in ``COLUMNS``."""
    branches = [b for b in (_branch(source, wanted) for source in history_sources()) if b is not None]
    if not branches:
        return Client.history.none().values()
    combined = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    return combined.order_by("-audit_at", "-audit_history_id", "audit_model")


# --- what each change changed -----------------------------------------------------------------------

def tracked_fields(source: HistorySource) -> list:
    """The record's own fields as its history keeps them, less its id and timestamps that move on every
    save (``auto_now``): what a change can be said to have changed. Fields the history leaves out
    (a staff account's password hash and last sign-in) are never here."""
    return [f for f in source.history_model.tracked_fields
            if not f.primary_key and not getattr(f, "auto_now", False)]


def _plain(value):
    """A field's value as JSON can carry it: money and other decimals as exact strings, dates and
    times in ISO 8601 (times in the council's time zone)."""
    if value is None or isinstance(value, bool | int | str | list | dict):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def history_changes(rows) -> dict[tuple[str, int], dict[str, dict]]:
    """For history rows (dicts from :func:`history_rows`), the fields each one changed with their old and
    new values, keyed by ``(audit_model, audit_history_id)``: ``{field: {"old": ..., "new": ...}}``.

    A change ("~") is compared with the previous historical row of the same record, in the order of
    ``history_date`` then ``history_id`` (as ``people.selectors.client_history`` orders them), found
    by the database for each row; a creation ("+") shows every field's new value and a deletion
    ("-") every old value. A change whose earlier row is missing (history started after the record
    did) shows nothing rather than guess. Two queries per kind of record among ``rows``, whatever
    the number of rows, so an export works through the history a batch at a time.
    """
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["audit_model"], []).append(row["audit_history_id"])
    found: dict[tuple[str, int], dict[str, dict]] = {}
    for label, ids in wanted.items():
        source = source_for(label)
        if source is None:
            continue
        history = source.history_model.objects
        names = [f.attname for f in tracked_fields(source)]
        record = source.object_column
        earlier = (history.filter(**{record: OuterRef(record)})
                   .filter(Q(history_date__lt=OuterRef("history_date"))
                           | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")))
                   .order_by("-history_date", "-history_id").values("history_id")[:1])
        current = list(history.filter(history_id__in=ids).annotate(audit_previous_id=Subquery(earlier))
                       .values("history_id", "history_type", "audit_previous_id", *names))
        previous_ids = {r["audit_previous_id"] for r in current
                        if r["history_type"] == "~" and r["audit_previous_id"]}
        previous = {r["history_id"]: r
                    for r in history.filter(history_id__in=previous_ids).values("history_id", *names)}
        for r in current:
            if r["history_type"] == "+":
                changes = {name: {"old": None, "new": _plain(r[name])} for name in names}
            elif r["history_type"] == "-":
                changes = {name: {"old": _plain(r[name]), "new": None} for name in names}
            else:
                before = previous.get(r["audit_previous_id"])
                changes = {} if before is None else {
                    name: {"old": _plain(before[name]), "new": _plain(r[name])}
                    for name in names if before[name] != r[name]}
            found[(label, r["history_id"])] = changes
    return found


@dataclass
class HistoryEntry:
    """One row of the history as the page and the exports show it."""

    at: dt.datetime
    model: str
    model_name: str
    history_id: int
    action: str  # "+", "~" or "-"
    user_id: int | None
    user_name: str
    reason: str
    request_id: str
    object_id: str
    client_id: int | None
    client_reference: str
    object_label: str = ""

    @property
    def action_name(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @classmethod
    def from_row(cls, row: dict) -> HistoryEntry:
        source = source_for(row["audit_model"])
        return cls(
            at=row["audit_at"],
            model=row["audit_model"],
            model_name=source.name if source else row["audit_model"],
            history_id=row["audit_history_id"],
            action=row["audit_action"],
            user_id=row["audit_user_id"],
            user_name=row["audit_user_name"] or "",
            reason=row["audit_reason"] or "",
            request_id=row["audit_request_id"] or "",
            object_id=row["audit_object_id"] or "",
            client_id=row["audit_client_id"],
            client_reference=row["audit_client_ref"] or "",
        )


def history_entries(rows) -> list[HistoryEntry]:
    """Entries for one page of rows, each with a description of its record as it was then.

    One query per kind of record on the page: the historical rows are read together with the
    records they point to (``select_related``), so describing them costs nothing more.
    """
    entries = [HistoryEntry.from_row(row) for row in rows]
    by_model: dict[str, list[HistoryEntry]] = {}
    for entry in entries:
        by_model.setdefault(entry.model, []).append(entry)
    for label, group in by_model.items():
        source = source_for(label)
        if source is None:
            continue
        related = [
            f.name for f in source.history_model._meta.concrete_fields
            if f.many_to_one and f.name != "history_user"
        ]
        found = source.history_model.objects.select_related(*related).in_bulk([e.history_id for e in group])
        for entry in group:
            historical = found.get(entry.history_id)
            entry.object_label = _describe(source, historical, related) if historical else ""
    return entries


def _describe(source: HistorySource, historical, related: list[str]) -> str:
    """The record's own description (its ``__str__``) as it stood in this historical row.

    The record is rebuilt from the row's own columns (fields the history leaves out, such as
    password hashes, stay empty), and the related records already read are handed over, so
    describing it reads nothing more from the database.
    """
    kept = {f.attname for f in source.history_model._meta.concrete_fields}
    try:
        instance = source.model(**{
            f.attname: getattr(historical, f.attname) for f in source.model._meta.concrete_fields if f.attname in kept
        })
        for name in related:
            if name in historical._state.fields_cache:
                instance._state.fields_cache[name] = historical._state.fields_cache[name]
        return str(instance)
    except Exception:  # noqa: BLE001 - a record whose description cannot be made is shown by its id
        return ""


def record_accesses(*, client: Client | None = None, user: str = "", date_from: dt.date | None = None,
                    date_to: dt.date | None = None) -> QuerySet:
    """Who looked at which client's record, newest first."""
    from audit.models import RecordAccess

    qs = RecordAccess.objects.select_related("client")
    if client is not None:
        qs = qs.filter(client=client)
    if user:
        qs = qs.filter(Q(user__username__iexact=user) | Q(user_name__icontains=user))
    if date_from:
        qs = qs.filter(viewed_at__gte=_start_of(date_from))
    if date_to:
        qs = qs.filter(viewed_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return qs.order_by("-viewed_at", "-id")
