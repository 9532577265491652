"""The only code that writes the people record.

Each function is one thing an officer does, keyword-only, with a required ``acting_user`` and a
reason that goes into the history. Each is atomic at the outermost level, checks that the acting
user may do it (so the API, pages, commands and jobs obey the same rules), locks what it changes,
and raises :class:`core.exceptions.ApplicationError` with a sentence when it cannot proceed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import CharField, Exists, Max, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import save_attributed, set_reason
from core.roles import is_read_only
from core.rules import can, require
from people.choices import (
    REPRESENTATIVE_RELATIONSHIPS,
    AddressKind,
    ContactKind,
    NoteKind,
    Relationship,
    SendLettersTo,
    Service,
    TaskStatus,
)
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
    TeamMembership,
)
from people.selectors import (
    LikelyDuplicate,
    clients_visible_to,
    likely_duplicates,
    nhs_number_holder,
    teams_of,
    today,
)
from people.validators import COUNCIL_REFERENCE_PREFIX, council_reference, normalise_nhs_number

CLIENT_FIELDS = (
    "title", "first_name", "middle_names", "last_name", "preferred_name",
    "date_of_birth", "nhs_number", "phone", "email", "date_of_death",
)
CONTACT_FIELDS = ("kind", "name", "organisation_type", "organisation_name", "phone", "email", "address")


# --- guards -------------------------------------------------------------------------------------

def _require_writer(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDeniedError("Sign in to make changes.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")


def _require_client_access(user, client: Client) -> None:
    """The user's team holds the client's case (people.work_client)."""
    if not can(user, "people.work_client", client):
        raise PermissionDeniedError("You do not work with this client.", code="not_your_client")


def _full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    """Model validation as a domain error whose ``extra`` names each field."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ApplicationError(
            "Check the details you entered.", code="invalid", extra=exc.message_dict
        ) from None


def _next_council_reference() -> str:
    # Serialised by a transaction-level advisory lock so two officers never get the same number.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('people.client.council_reference'))")
    highest = (Client.objects.filter(council_reference__startswith=f"{COUNCIL_REFERENCE_PREFIX}-")
               .aggregate(m=Max("council_reference"))["m"])
    return council_reference(int(highest.split("-")[1]) + 1 if highest else 100001)


# --- clients ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AddressInput:
    line_1: str
    town: str
    postcode: str
    start_date: dt.date
    line_2: str = ""
    county: str = ""
    kind: str = "home"


class PossibleDuplicateError(ConflictError):
    """A client with the same name and date of birth is already on the record, and the officer has
    not said why this is a different person. ``matches`` describe them (only as far as the officer
    may see them)."""

    code = "possible_duplicate"

    def __init__(self, matches: list[LikelyDuplicate]):
        self.matches = matches
        message = ("A client with the same name and date of birth is already on the record. If this is a "
                   "different person, tick the box to say so and give a reason.")
        super().__init__(message, extra={"different_person_reason": [message]})


def _nhs_number_taken(acting_user, nhs_number: str, exclude_pk=None) -> None:
    holder = nhs_number_holder(user=acting_user, nhs_number=nhs_number, exclude_pk=exclude_pk)
    if holder is None:
        return
    message = (f"This NHS number is already on the record for {holder.describe()}." if holder.visible
               else "A client with this NHS number already exists, held by another team: ask that team.")
    raise ApplicationError(message, code="duplicate_nhs_number", extra={"nhs_number": [message]})


def client_create(
    *,
    acting_user,
    team: Team,
    service: str | None = None,
    officer=None,
    address: AddressInput | None = None,
    reason: str = "New client",
    council_reference: str = "",
    different_person_reason: str = "",
    **fields,
) -> Client:
    """Add a person to the record and allocate their case to a team (so someone can see it).

    A client already on the record with the same first and last name and date of birth (ignoring
    accents and case: ``selectors.likely_duplicates``) stops this with :class:`PossibleDuplicateError`
    unless ``different_person_reason`` says why this is someone else; that reason, and which records
    were checked, go into the new client's history.
    """
    _require_writer(acting_user)
    require(acting_user, "people.add_client")
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown client fields: {', '.join(sorted(unknown))}.")
    if not teams_of(user=acting_user).filter(pk=team.pk).exists():
        raise PermissionDeniedError("You can only add clients to your own team's caseload.")
    fields["nhs_number"] = normalise_nhs_number(fields.get("nhs_number") or "")
    different_person_reason = (different_person_reason or "").strip()
    with transaction.atomic():
        # A new reference takes a lock that every other new client waits for, so two officers adding
        # the same person at once cannot both miss each other's record below.
        client = Client(council_reference=council_reference or _next_council_reference(), **fields)
        # Before full_clean, whose constraint check would report the duplicate only as "Constraint
        # client_nhs_number_unique is violated", against no field.
        _nhs_number_taken(acting_user, client.nhs_number)
        matches = likely_duplicates(user=acting_user, first_name=client.first_name, last_name=client.last_name,
                                    date_of_birth=client.date_of_birth)
        if matches and not different_person_reason:
            raise PossibleDuplicateError(matches)
        _full_clean(client)
        history_reason = reason
        if matches:
            checked = "; ".join(match.describe() for match in matches)
            history_reason = (f"{reason}. A different person from {checked} (same name and date of birth): "
                              f"{different_person_reason}")
        save_attributed(client, user=acting_user, reason=history_reason)
        allocation = Allocation(
            client=client, team=team, service=service or team.service, officer=officer, start_date=today()
        )
        _full_clean(allocation)
        save_attributed(allocation, user=acting_user, reason=reason)
        if address is not None:
            _address_add(client=client, data=address, reason=reason)
    return client


def client_update(*, acting_user, client: Client, reason: str, **fields) -> Client:
    """Change a client's details. A reason is required: it is what the history shows."""
    _require_writer(acting_user)
    if not reason or not reason.strip():
        raise ApplicationError("Give a reason for the change.", extra={"reason": ["Give a reason for the change."]})
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown client fields: {', '.join(sorted(unknown))}.")
    if "nhs_number" in fields:
        fields["nhs_number"] = normalise_nhs_number(fields["nhs_number"] or "")
    with transaction.atomic():
        locked = Client.objects.select_for_update().get(pk=client.pk)
        _require_client_access(acting_user, locked)
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, fields[name])
        if "nhs_number" in changed:
            _nhs_number_taken(acting_user, locked.nhs_number, exclude_pk=locked.pk)
        _full_clean(locked)
        set_reason(locked, reason.strip())
        try:
            locked.save()
        except IntegrityError as exc:  # a race with another officer on the same NHS number
            raise ApplicationError("A client with this NHS number is already on the record.") from exc
    return locked


def _address_add(*, client: Client, data: AddressInput, reason: str) -> Address:
    # The new address of a kind replaces the current one of that kind from the day before it starts.
    for current in Address.objects.select_for_update().filter(client=client, kind=data.kind, end_date__isnull=True):
        if current.start_date < data.start_date:
            current.end_date = data.start_date - dt.timedelta(days=1)
            set_reason(current, f"Replaced by a new address: {reason}")
            current.save(update_fields=["end_date"])
    address = Address(client=client, **data.__dict__)
    _full_clean(address)
    set_reason(address, reason)
    address.save()
    return address


def address_add(*, acting_user, client: Client, data: AddressInput, reason: str = "New address") -> Address:
    _require_writer(acting_user)
    with transaction.atomic():
        _require_client_access(acting_user, client)
        return _address_add(client=client, data=data, reason=reason)


# --- contacts -----------------------------------------------------------------------------------

def contact_create(*, acting_user, reason: str = "New contact", **fields) -> Contact:
    _require_writer(acting_user)
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown contact fields: {', '.join(sorted(unknown))}.")
    contact = Contact(**fields)
    if contact.kind == ContactKind.PERSON:
        contact.organisation_type = ""
    elif not contact.organisation_type:
        raise ApplicationError(
            "Choose what kind of organisation this is.",
            extra={"organisation_type": ["Choose what kind of organisation this is."]},
        )
    with transaction.atomic():
        _full_clean(contact)
        set_reason(contact, reason)
        contact.save()
    return contact


def contact_update(*, acting_user, contact: Contact, reason: str, **fields) -> Contact:
    _require_writer(acting_user)
    if not reason or not reason.strip():
        raise ApplicationError("Give a reason for the change.", extra={"reason": ["Give a reason for the change."]})
    with transaction.atomic():
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        for name, value in fields.items():
            if name not in CONTACT_FIELDS:
                raise ApplicationError(f"Unknown contact field: {name}.")
            setattr(locked, name, value)
        if locked.kind == ContactKind.PERSON:
            locked.organisation_type = ""
        _full_clean(locked)
        set_reason(locked, reason.strip())
        locked.save()
    return locked


def client_contact_link(
    *,
    acting_user,
    client: Client,
    contact: Contact,
    relationship: str,
    description: str = "",
    is_next_of_kin: bool = False,
    start_date: dt.date | None = None,
    notes: str = "",
    reason: str = "Contact added",
) -> ClientContact:
    """Record how a contact relates to a client."""
    _require_writer(acting_user)
    if relationship not in Relationship.values:
        raise ApplicationError("Choose how this contact relates to the client.", extra={"relationship": ["Choose a relationship."]})
    with transaction.atomic():
        _require_client_access(acting_user, client)
        link = ClientContact(
            client=client, contact=contact, relationship=relationship, description=description,
            is_next_of_kin=is_next_of_kin, start_date=start_date, notes=notes,
        )
        _full_clean(link)
        set_reason(link, reason)
        link.save()
    return link


def client_contact_end(*, acting_user, link: ClientContact, end_date: dt.date, reason: str) -> ClientContact:
    _require_writer(acting_user)
    with transaction.atomic():
        locked = ClientContact.objects.select_for_update().get(pk=link.pk)
        _require_client_access(acting_user, locked.client)
        locked.end_date = end_date
        _full_clean(locked)
        set_reason(locked, reason)
        locked.save(update_fields=["end_date"])
    return locked


# --- where letters go ---------------------------------------------------------------------------

def correspondence_rule_set(
    *,
    acting_user,
    client: Client,
    send_to: str,
    representative: ClientContact | None = None,
    copy_to_client: bool = False,
    copy_to_representative: bool = False,
    reason: str,
) -> CorrespondenceRule:
    """Say where letters to the client go (``people.correspondence`` applies it to every letter): an
    address of theirs (the care home, the correspondence address, their home), optionally with a copy
    to their representative, or their representative (a current deputy, attorney or appointee among
    their contacts), optionally with a copy to them. The address or representative must be there to
    write to today. The change and its reason go into the rule's history."""
    from people.correspondence import RULE_ADDRESS, council_acting_for, current_addresses

    _require_writer(acting_user)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Give a reason for the change.", extra={"reason": ["Give a reason for the change."]})
    if send_to not in SendLettersTo.values:
        raise ApplicationError("Choose where letters go.", extra={"send_to": ["Choose where letters go."]})
    via_representative = send_to == SendLettersTo.REPRESENTATIVE
    copy_to_client = bool(copy_to_client) and via_representative
    copy_to_representative = bool(copy_to_representative) and not via_representative
    if not (via_representative or copy_to_representative):
        representative = None
    on = today()
    with transaction.atomic():
        locked = Client.objects.select_for_update().get(pk=client.pk)
        require(acting_user, "people.change_correspondence_rule", locked)
        if representative is None and (via_representative or copy_to_representative):
            message = "Choose the representative."
            raise ApplicationError(message, extra={"representative": [message]})
        if representative is not None:
            representative = ClientContact.objects.select_related("contact").get(pk=representative.pk)
            current = (representative.client_id == locked.pk
                       and representative.relationship in REPRESENTATIVE_RELATIONSHIPS
                       and (representative.start_date is None or representative.start_date <= on)
                       and (representative.end_date is None or representative.end_date >= on))
            if not current:
                message = "Choose one of the client's current deputies, attorneys or appointees."
                raise ApplicationError(message, extra={"representative": [message]})
            acting = council_acting_for(locked, on)
            council = acting is not None and acting[0].pk == representative.pk
            if not council and not (representative.contact.address or "").strip():
                message = (f"We hold no address for {representative.contact.name}. Add their address to the "
                           f"contact first.")
                raise ApplicationError(message, extra={"representative": [message]})
        addresses = current_addresses(locked, on)
        if not via_representative and not any(a.kind == RULE_ADDRESS[send_to] for a in addresses):
            kind = AddressKind(RULE_ADDRESS[send_to]).label.lower()
            message = f"{locked.full_name} has no current {kind} address. Add it first, or choose another."
            raise ApplicationError(message, extra={"send_to": [message]})
        if copy_to_client and not addresses:
            message = f"{locked.full_name} has no current address to send a copy to."
            raise ApplicationError(message, extra={"copy_to_client": [message]})
        rule = CorrespondenceRule.objects.select_for_update().filter(client=locked).first()
        values = {"send_to": send_to, "representative": representative, "copy_to_client": copy_to_client,
                  "copy_to_representative": copy_to_representative}
        if rule is None:
            rule = CorrespondenceRule(client=locked, **values)
        elif all(getattr(rule, name) == value for name, value in values.items()):
            return rule
        else:
            for name, value in values.items():
                setattr(rule, name, value)
        _full_clean(rule)
        save_attributed(rule, user=acting_user, reason=reason)
    return rule


# --- caseloads ----------------------------------------------------------------------------------

def allocation_change(
    *, acting_user, client: Client, service: str, team: Team, officer=None, start_date: dt.date | None = None,
    reason: str,
) -> Allocation:
    """Hand a client's case for a service to a team and officer (team leaders only: the leader of the
    team that holds the case now, or of the team taking it on; administrators for any team). The
    officer, if named, must be a member of the team."""
    _require_writer(acting_user)
    require(acting_user, "people.manage_caseloads")
    if service not in Service.values:
        raise ApplicationError("Choose a service.")
    if officer is not None and not TeamMembership.objects.filter(team=team, user=officer).exists():
        raise ApplicationError(f"{officer.get_full_name() or officer.get_username()} is not in {team.name}.",
                               extra={"officer": [f"Choose an officer in {team.name}"]})
    start = start_date or today()
    with transaction.atomic():
        holding = list(Allocation.objects.select_for_update().filter(client=client, service=service,
                                                                     end_date__isnull=True))
        led = set(TeamMembership.objects.filter(user=acting_user, is_leader=True).values_list("team_id", flat=True))
        if team.pk not in led and not any(current.team_id in led for current in holding):
            raise PermissionDeniedError("You can reassign only cases your own team holds or takes on.")
        for current in holding:
            current.end_date = max(start - dt.timedelta(days=1), current.start_date)
            set_reason(current, reason)
            current.save(update_fields=["end_date"])
        allocation = Allocation(client=client, team=team, service=service, officer=officer, start_date=start)
        _full_clean(allocation)
        set_reason(allocation, reason)
        allocation.save()
    return allocation


# --- journal ------------------------------------------------------------------------------------

def note_add(*, acting_user, client: Client, text: str, kind: str = NoteKind.NOTE) -> Note:
    """Add an entry to the client's case journal."""
    _require_writer(acting_user)
    if not text or not text.strip():
        raise ApplicationError("Enter the note.", extra={"text": ["Enter the note."]})
    with transaction.atomic():
        _require_client_access(acting_user, client)
        note = Note(client=client, kind=kind, text=text.strip(), author=acting_user)
        _full_clean(note)
        set_reason(note, "Case note added")
        note.save()
    return note


# --- tasks --------------------------------------------------------------------------------------

def task_create(
    *,
    acting_user,
    title: str,
    assigned_to,
    due_date: dt.date,
    client: Client | None = None,
    details: str = "",
    subject: models.Model | None = None,
) -> Task:
    """Give someone a piece of work with a deadline, about a client and/or any record."""
    _require_writer(acting_user)
    if not assigned_to.is_active:
        raise ApplicationError("That person's account is not active.", extra={"assigned_to": ["Choose someone active."]})
    with transaction.atomic():
        if client is not None:
            _require_client_access(acting_user, client)
        task = Task(
            title=title.strip() if title else "", details=details, client=client, assigned_to=assigned_to,
            due_date=due_date, created_by=acting_user,
        )
        if subject is not None:
            task.content_type = ContentType.objects.get_for_model(subject)
            task.object_id = subject.pk
        if due_date is not None and due_date < today():
            task.status = TaskStatus.OVERDUE
        _full_clean(task)
        set_reason(task, "Task created")
        task.save()
    return task


def task_complete(*, acting_user, task: Task, outcome: str = "") -> Task:
    """Mark a task done, recording who did it and when."""
    _require_writer(acting_user)
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.client_id is not None and not clients_visible_to(user=acting_user).filter(
                pk=locked.client_id).exists():
            raise PermissionDeniedError("You do not work with this client.", code="not_your_client")
        if not can(acting_user, "people.complete_task", locked):
            raise PermissionDeniedError("This task belongs to someone else.")
        if locked.is_closed:
            raise ApplicationError("This task is already closed.", code="already_closed")
        locked.status = TaskStatus.DONE
        locked.completed_by = acting_user
        locked.completed_at = timezone.now()
        locked.outcome = outcome
        set_reason(locked, "Task completed")
        locked.save()
    return locked


def tasks_mark_overdue(*, on: dt.date) -> list[Task]:
    """Mark open tasks due before ``on`` as overdue and notify each assignee once. Returns the
    tasks newly marked. Run by the daily deadlines job (as the system user)."""
    newly = []
    with transaction.atomic():
        for task in Task.objects.select_for_update().filter(status=TaskStatus.OPEN, due_date__lt=on):
            task.status = TaskStatus.OVERDUE
            set_reason(task, f"Past its due date on {on:%d %B %Y}")
            task.save(update_fields=["status"])
            newly.append(task)
    return newly


def notification_send(*, user, key: str, message: str, link: str = "") -> tuple[Notification, bool]:
    """Tell a user something in the app, once per ``key``. Returns (notification, created)."""
    with transaction.atomic():
        existing = Notification.objects.filter(user=user, key=key).first()
        if existing:
            return existing, False
        notification = Notification(user=user, key=key, message=message[:300], link=link)
        set_reason(notification, "Notification sent")
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            return Notification.objects.get(user=user, key=key), False
    return notification, True


def notification_mark_read(*, acting_user, notification: Notification) -> Notification:
    if notification.user_id != acting_user.pk:
        raise PermissionDeniedError("That is someone else's notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        set_reason(notification, "Read")
        notification.save(update_fields=["read_at"])
    return notification


def deadlines_run(*, on: dt.date) -> dict:
    """The daily deadlines job's work: mark overdue tasks and notify their assignees.

    Safe to run twice: a task already overdue is not marked again, and each notification is
    unique on (user, "task-overdue:<task id>"), so a rerun, or a rerun after a crash, notifies
    nobody twice. Tasks that went overdue while an earlier run crashed are still notified.
    """
    marked = tasks_mark_overdue(on=on)
    notified = 0
    already_told = Notification.objects.filter(
        user=OuterRef("assigned_to"), key=Concat(Value("task-overdue:"), Cast(OuterRef("pk"), CharField()))
    )
    waiting = Task.objects.filter(status=TaskStatus.OVERDUE).exclude(Exists(already_told))
    for task in waiting.select_related("client", "assigned_to"):
        about = f" for {task.client.display_name}" if task.client_id else ""
        _, created = notification_send(
            user=task.assigned_to,
            key=f"task-overdue:{task.pk}",
            message=f"Overdue: {task.title}{about} was due on {task.due_date:%d %B %Y}.",
            link=task.client.get_absolute_url() if task.client_id else "",
        )
        notified += created
    return {"marked_overdue": len(marked), "notified": notified}
