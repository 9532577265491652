"""Reads of the people record, always narrowed to what the user may see.

An officer sees the clients with a current allocation to one of their teams; auditors,
administrators and superusers see every client. ``access_client`` gives the same 404 for a client
that does not exist and one the user may not see, so nothing leaks.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone

from core.roles import is_read_only, sees_every_client
from people.choices import TaskStatus
from people.models import (
    Address,
    Allocation,
    Client,
    ClientContact,
    Contact,
    CorrespondenceRule,
    Note,
    Notification,
    Task,
    Team,
)
from people.validators import join_typed_references, normalise_nhs_number, reference_for_number


def today() -> dt.date:
    return timezone.localdate()


def teams_of(*, user) -> QuerySet[Team]:
    return Team.objects.filter(memberships__user=user)


def current_allocations(*, on: dt.date | None = None) -> QuerySet[Allocation]:
    on = on or today()
    return Allocation.objects.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


def clients_visible_to(*, user) -> QuerySet[Client]:
    if not user.is_authenticated:
        return Client.objects.none()
    if sees_every_client(user):
        return Client.objects.all()
    mine = current_allocations().filter(client=OuterRef("pk"), team__memberships__user=user)
    return Client.objects.filter(Exists(mine))


def access_client(*, user, pk) -> Client:
    """The client, if this user may see it; otherwise 404, whether it exists or not."""
    try:
        return clients_visible_to(user=user).get(pk=pk)
    except (Client.DoesNotExist, ValueError, TypeError):
        raise Http404("No client found") from None


def client_search(*, user, query: str = "", date_of_birth: dt.date | None = None) -> QuerySet[Client]:
    """Find clients by part of a name, council reference, NHS number, and/or date of birth.

    Every word of ``query`` must match something (a name part, the reference or the NHS number),
    so "mar smi" finds Margaret Smith. Name matches use trigram indexes (fast on partial names).
    A reference may be typed as its number alone (``100001`` finds ASC-100001) or with the prefix
    spaced or joined (``asc 100001``, ``ASC100001``).
    """
    qs = clients_visible_to(user=user)
    words = join_typed_references(query or "").split()
    digits = normalise_nhs_number(query or "")
    if len(digits) == 10 and digits.isdigit():
        qs = qs.filter(nhs_number=digits)
    else:
        for word in words:
            upper = word.upper()
            # References are stored upper case: these use the unique index.
            references = [upper, *filter(None, [reference_for_number(upper)])]
            qs = qs.annotate(
                _last=Upper("last_name"), _first=Upper("first_name"), _pref=Upper("preferred_name")
            ).filter(
                Q(_last__contains=upper)
                | Q(_first__contains=upper)
                | Q(_pref__contains=upper)
                | Q(council_reference__in=references)
            )
    if date_of_birth:
        qs = qs.filter(date_of_birth=date_of_birth)
    return qs.order_by("last_name", "first_name", "id")


# --- likely duplicates ----------------------------------------------------------------------------

def folded_name(text: str) -> str:
    """A name as compared for duplicates: accents, case, spaces and punctuation ignored, so
    "Zoë O'Brien-Smith" and "zoe obrien smith" are the same."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class LikelyDuplicate:
    """A client already on the record with the same first and last name and date of birth. The
    details are only filled in for a client the user may see; for any other, only that it exists."""

    client_id: int
    visible: bool
    council_reference: str = ""
    name: str = ""
    date_of_birth: dt.date | None = None
    postcode: str = ""

    HELD_ELSEWHERE = "A client with these details already exists, held by another team: ask that team."

    def describe(self) -> str:
        """One line for a message or a history reason, without anything the user may not see."""
        if not self.visible:
            return "a client held by another team"
        return f"{self.name} ({self.council_reference})"


def likely_duplicates(*, user, first_name: str, last_name: str, date_of_birth: dt.date | None,
                      exclude_pk=None) -> list[LikelyDuplicate]:
    """Clients with the same date of birth whose first and last names match ``first_name`` and
    ``last_name`` once accents, case, spaces and punctuation are ignored (see :func:`folded_name`).
    Those the user may see first, by reference; then the others, with nothing but their existence."""
    if date_of_birth is None or not folded_name(first_name) or not folded_name(last_name):
        return []
    wanted = (folded_name(first_name), folded_name(last_name))
    same_day = Client.objects.filter(date_of_birth=date_of_birth).exclude(pk=exclude_pk).only(
        "pk", "first_name", "last_name")
    ids = [c.pk for c in same_day if (folded_name(c.first_name), folded_name(c.last_name)) == wanted]
    if not ids:
        return []
    day = today()
    current = Address.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
    visible = (clients_visible_to(user=user).filter(pk__in=ids)
               .prefetch_related(Prefetch("addresses", queryset=current.order_by("-start_date", "-id"),
                                          to_attr="current_addresses"))
               .order_by("council_reference"))
    found = [LikelyDuplicate(client_id=c.pk, visible=True, council_reference=c.council_reference,
                             name=c.full_name, date_of_birth=c.date_of_birth,
                             postcode=c.current_addresses[0].postcode if c.current_addresses else "")
             for c in visible]
    seen = {d.client_id for d in found}
    return found + [LikelyDuplicate(client_id=pk, visible=False) for pk in sorted(ids) if pk not in seen]


def nhs_number_holder(*, user, nhs_number: str, exclude_pk=None) -> LikelyDuplicate | None:
    """The client who already has ``nhs_number`` (described only if the user may see them)."""
    holder = Client.objects.filter(nhs_number=nhs_number).exclude(pk=exclude_pk).only("pk").first() \
        if nhs_number else None
    if holder is None:
        return None
    seen = clients_visible_to(user=user).filter(pk=holder.pk).first()
    if seen is None:
        return LikelyDuplicate(client_id=holder.pk, visible=False)
    return LikelyDuplicate(client_id=seen.pk, visible=True, council_reference=seen.council_reference,
                           name=seen.full_name, date_of_birth=seen.date_of_birth)


def client_contacts(*, client: Client) -> QuerySet[ClientContact]:
    return client.contact_links.select_related("contact").order_by("end_date", "relationship", "contact__name")


def contacts_visible_to(*, user) -> QuerySet[Contact]:
    """Contacts linked to a client the user can see (or not yet linked to anyone)."""
    if sees_every_client(user):
        return Contact.objects.all()
    visible = clients_visible_to(user=user)
    return Contact.objects.filter(
        Q(client_links__client__in=visible) | Q(client_links__isnull=True)
    ).distinct()


def access_contact(*, user, pk) -> Contact:
    try:
        return contacts_visible_to(user=user).get(pk=pk)
    except (Contact.DoesNotExist, ValueError, TypeError):
        raise Http404("No contact found") from None


def contact_search(*, user, query: str = "") -> QuerySet[Contact]:
    """Contacts the user can see whose name, organisation, email or phone contains every word."""
    contacts = contacts_visible_to(user=user)
    for word in (query or "").split():
        contacts = contacts.filter(
            Q(name__icontains=word) | Q(organisation_name__icontains=word)
            | Q(email__icontains=word) | Q(phone__icontains=word)
        )
    return contacts.order_by("name", "id")


def contact_clients(*, user, contact: Contact) -> QuerySet[ClientContact]:
    """How a contact relates to the clients this user can see (never the others)."""
    return (
        ClientContact.objects.filter(contact=contact, client__in=clients_visible_to(user=user))
        .select_related("client").order_by("end_date", "client__last_name", "client__first_name")
    )


def access_task(*, user, pk) -> Task:
    """A task about a client the user can see, or one given to or set by the user; else 404."""
    visible = (
        Q(client__in=clients_visible_to(user=user))
        | Q(client__isnull=True, assigned_to=user)
        | Q(client__isnull=True, created_by=user)
    )
    try:
        return Task.objects.select_related("client", "assigned_to").filter(visible).get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("No task found") from None


def client_tasks(*, client: Client) -> QuerySet[Task]:
    return client.tasks.select_related("assigned_to", "completed_by").order_by("status", "due_date", "id")


def client_notes(*, client: Client) -> QuerySet[Note]:
    return client.notes.select_related("author")


def client_history(*, client: Client, limit: int = 200) -> list:
    """The client's own changes and those of the records that hang off it, newest first.

    Each entry names the fields that changed, worked out in memory from the record's previous
    version (one query per kind of record, however many changes there are)."""
    rows = []
    sources = [
        (Client, Client.history.filter(id=client.pk), "Client details"),
        (Address, Address.history.filter(client_id=client.pk), "Address"),
        (ClientContact, ClientContact.history.filter(client_id=client.pk), "Contact"),
        (Allocation, Allocation.history.filter(client_id=client.pk), "Caseload"),
        (CorrespondenceRule, CorrespondenceRule.history.filter(client_id=client.pk), "Where letters go"),
        (Task, Task.history.filter(client_id=client.pk), "Task"),
        (Note, Note.history.filter(client_id=client.pk), "Note"),
    ]
    for model, qs, label in sources:
        tracked = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id", "updated_at")]
        previous_of: dict[int, object] = {}
        for row in qs.select_related("history_user").order_by("id", "history_date", "history_id"):
            before = previous_of.get(row.id)
            changes = []
            if row.history_type == "~" and before is not None:
                changes = [name.removesuffix("_id") for name in tracked if getattr(row, name) != getattr(before, name)]
            previous_of[row.id] = row
            rows.append({"label": label, "row": row, "changes": changes})
    rows.sort(key=lambda r: (r["row"].history_date, r["row"].history_id), reverse=True)
    return rows[:limit]


def tasks_for(*, user) -> QuerySet[Task]:
    return Task.objects.filter(assigned_to=user).select_related("client")


def my_work(*, user) -> dict:
    """The officer's open work: overdue first, then due in the next fortnight, then later."""
    day = today()
    open_tasks = tasks_for(user=user).filter(status__in=[TaskStatus.OPEN, TaskStatus.OVERDUE]).order_by("due_date", "id")
    return {
        "overdue": [t for t in open_tasks if t.due_date < day or t.status == TaskStatus.OVERDUE],
        "due_soon": [t for t in open_tasks if day <= t.due_date <= day + dt.timedelta(days=14) and t.status == TaskStatus.OPEN],
        "later": [t for t in open_tasks if t.due_date > day + dt.timedelta(days=14) and t.status == TaskStatus.OPEN],
    }


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def notifications_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()



# --- team leaders' caseloads ----------------------------------------------------------------------

def teams_led_by(*, user) -> QuerySet[Team]:
    """The teams whose caseloads the user manages: those they lead."""
    if not getattr(user, "is_authenticated", False) or is_read_only(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user, memberships__is_leader=True)


@dataclass(frozen=True)
class OfficerLoad:
    officer: object | None  # None: cases no officer holds yet
    cases: int
    open_tasks: int
    overdue_tasks: int


def team_caseload(*, team: Team) -> tuple[list[OfficerLoad], QuerySet[Allocation]]:
    """The team's current cases (oldest client reference first within each officer) and, per member
    and for cases with no officer, how many cases and open and overdue tasks each has."""
    day = today()
    allocations = (current_allocations(on=day).filter(team=team)
                   .select_related("client", "officer").order_by("officer__first_name", "officer__last_name",
                                                                  "client__last_name", "client__first_name"))
    # .order_by() first: the list's ordering would otherwise join the GROUP BY, one group per client.
    cases = dict(allocations.order_by().values_list("officer_id").annotate(n=Count("id")).values_list("officer_id", "n"))
    members = [m.user for m in team.memberships.select_related("user").order_by("user__first_name", "user__last_name")]
    tasks = (Task.objects.filter(assigned_to__in=members, status__in=[TaskStatus.OPEN, TaskStatus.OVERDUE])
             .values("assigned_to").annotate(
                 open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=day) | Q(status=TaskStatus.OVERDUE))))
    by_officer = {row["assigned_to"]: row for row in tasks}
    loads = [OfficerLoad(officer=user, cases=cases.get(user.pk, 0),
                         open_tasks=by_officer.get(user.pk, {}).get("open", 0),
                         overdue_tasks=by_officer.get(user.pk, {}).get("overdue", 0)) for user in members]
    if cases.get(None):
        loads.append(OfficerLoad(officer=None, cases=cases[None], open_tasks=0, overdue_tasks=0))
    return loads, allocations


def team_cases(*, team: Team, officer=None, unallocated: bool = False) -> QuerySet[Allocation]:
    """The team's current cases, by officer then client: all of them, one ``officer``'s, or (with
    ``unallocated``) those no officer holds yet. What a team leader's dashboard lists under ``?officer=``."""
    cases = current_allocations().filter(team=team).select_related("client", "officer")
    if unallocated:
        cases = cases.filter(officer__isnull=True)
    elif officer is not None:
        cases = cases.filter(officer=officer)
    return cases.order_by("officer__first_name", "officer__last_name", "client__last_name", "client__first_name")


def team_open_tasks(*, team: Team, officer=None) -> QuerySet[Task]:
    """Open tasks held by the team's members (or by one ``officer`` of it)."""
    tasks = Task.objects.filter(status__in=[TaskStatus.OPEN, TaskStatus.OVERDUE])
    if officer is not None:
        return tasks.filter(assigned_to=officer)
    return tasks.filter(assigned_to__memberships__team=team)
