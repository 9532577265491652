"""The shared record of people: the clients we act for or charge, everyone around them, the teams
that work with them, who holds each case, and the tasks and notes of the work.

Only ``people.services`` writes these tables; everything else reads through ``people.selectors``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse

from core.history import audited
from people.choices import (
    AddressKind,
    ContactKind,
    NoteKind,
    OrganisationType,
    Relationship,
    SendLettersTo,
    Service,
    TaskStatus,
)
from people.validators import validate_nhs_number


class Team(models.Model):
    """A team of officers within one service, e.g. "Client affairs (North)"."""

    name = models.CharField(max_length=100, unique=True)
    service = models.CharField(max_length=30, choices=Service.choices)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="TeamMembership", related_name="teams")

    history = audited()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(service__in=Service.values), name="team_service_valid"),
        ]

    def __str__(self):
        return self.name


class TeamMembership(models.Model):
    """An officer's membership of a team; ``is_leader`` marks the team leader."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    is_leader = models.BooleanField(default=False)

    history = audited()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="team_membership_unique")]

    def __str__(self):
        return f"{self.user} in {self.team}"


class Client(models.Model):
    """A person the council acts for (as deputy or appointee) or charges for care."""

    council_reference = models.CharField(
        max_length=20, unique=True, help_text="The council's reference for the person, e.g. ASC-100234."
    )
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What the person likes to be called.")
    date_of_birth = models.DateField()
    nhs_number = models.CharField(
        max_length=10, blank=True, validators=[validate_nhs_number], help_text="10 digits, stored without spaces."
    )
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = audited()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~Q(nhs_number=""), name="client_nhs_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(nhs_number="") | Q(nhs_number__regex=r"^[0-9]{10}$"), name="client_nhs_number_digits"
            ),
            models.CheckConstraint(
                condition=Q(date_of_death__isnull=True) | Q(date_of_death__gte=models.F("date_of_birth")),
                name="client_death_after_birth",
            ),
        ]
        indexes = [
            GinIndex(OpClass(Upper("last_name"), name="gin_trgm_ops"), name="client_last_name_trgm"),
            GinIndex(OpClass(Upper("first_name"), name="gin_trgm_ops"), name="client_first_name_trgm"),
            GinIndex(OpClass(Upper("preferred_name"), name="gin_trgm_ops"), name="client_preferred_trgm"),
            models.Index(fields=["date_of_birth"], name="client_dob_idx"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.council_reference})"

    def get_absolute_url(self):
        return reverse("people:client-detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(part for part in [self.first_name, self.middle_names, self.last_name] if part)

    @property
    def display_name(self) -> str:
        """The name to use on screen: preferred first name where the person has one."""
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}"

    @property
    def nhs_number_display(self) -> str:
        n = self.nhs_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if n else ""

    def age_on(self, day: dt.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Address(models.Model):
    """An address of a client's, with the dates it applied."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="addresses")
    kind = models.CharField(max_length=20, choices=AddressKind.choices, default=AddressKind.HOME)
    line_1 = models.CharField("Address line 1", max_length=120)
    line_2 = models.CharField("Address line 2", max_length=120, blank=True)
    town = models.CharField("Town or city", max_length=80)
    county = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="address_dates_in_order",
            ),
            models.CheckConstraint(condition=Q(kind__in=AddressKind.values), name="address_kind_valid"),
        ]

    def __str__(self):
        return ", ".join(part for part in [self.line_1, self.line_2, self.town, self.postcode] if part)

    @property
    def lines(self) -> list[str]:
        return [part for part in [self.line_1, self.line_2, self.town, self.county, self.postcode] if part]

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Contact(models.Model):
    """Someone around a client: a relative, attorney, social worker, care provider, or an
    organisation such as a bank, the DWP or a utility. One contact can relate to many clients."""

    kind = models.CharField(max_length=20, choices=ContactKind.choices, default=ContactKind.PERSON)
    name = models.CharField(max_length=200, help_text="A person's full name, or the organisation's name.")
    organisation_type = models.CharField(
        max_length=20, choices=OrganisationType.choices, blank=True, default=OrganisationType.NONE
    )
    organisation_name = models.CharField(max_length=200, blank=True, help_text="For a person: who they work for.")
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ContactKind.values), name="contact_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind="person") | ~Q(organisation_type=""), name="contact_organisation_has_type"
            ),
        ]

    def __str__(self):
        return self.name


class ClientContact(models.Model):
    """How a contact relates to a client, and when."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="contact_links")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="client_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    description = models.CharField(
        max_length=100, blank=True, help_text="In your words, e.g. daughter, bank account holder, landlord."
    )
    is_next_of_kin = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["relationship", "contact__name"]
        constraints = [
            models.CheckConstraint(condition=Q(relationship__in=Relationship.values), name="clientcontact_rel_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="clientcontact_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.contact} ({self.get_relationship_display()}) for {self.client}"


class CorrespondenceRule(models.Model):
    """Where letters to a client go: the care home they live in, their correspondence address, their
    own home, or their representative (a deputy, attorney or appointee held as one of their contacts),
    with or without a copy to the person (or, for letters to the person, to the representative).

    One per client, changed in place with a reason, so its history is the record of every change.
    ``documents.letters.letter_recipients`` applies it to every letter.
    """

    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="correspondence_rule")
    send_to = models.CharField(max_length=20, choices=SendLettersTo.choices)
    representative = models.ForeignKey(
        ClientContact, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The deputy, attorney or appointee letters go to, or who gets a copy.",
    )
    copy_to_client = models.BooleanField(
        default=False, help_text="When letters go to the representative: send the person a copy.")
    copy_to_representative = models.BooleanField(
        default=False, help_text="When letters go to the person: send the representative a copy.")
    updated_at = models.DateTimeField(auto_now=True)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(send_to__in=SendLettersTo.values),
                                   name="correspondencerule_send_to_valid"),
            models.CheckConstraint(
                condition=~Q(send_to=SendLettersTo.REPRESENTATIVE) | Q(representative__isnull=False),
                name="correspondencerule_representative_named"),
            models.CheckConstraint(
                condition=Q(copy_to_client=False) | Q(send_to=SendLettersTo.REPRESENTATIVE),
                name="correspondencerule_copy_to_client_only_via_representative"),
            models.CheckConstraint(
                condition=Q(copy_to_representative=False)
                | (Q(representative__isnull=False) & ~Q(send_to=SendLettersTo.REPRESENTATIVE)),
                name="correspondencerule_copy_to_representative_named"),
        ]

    def __str__(self):
        return f"Letters for {self.client}: {self.get_send_to_display()}"


class Allocation(models.Model):
    """Which team, and which officer in it, holds a client's case for one service, and when.

    An officer sees the clients that have a current allocation to one of their teams.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    service = models.CharField(max_length=30, choices=Service.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["service", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(service__in=Service.values), name="allocation_service_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="allocation_dates_in_order",
            ),
            models.UniqueConstraint(
                fields=["client", "service"], condition=Q(end_date__isnull=True), name="allocation_one_open_per_service"
            ),
        ]

    def __str__(self):
        return f"{self.client} — {self.get_service_display()} — {self.officer or 'unallocated'}"


class Task(models.Model):
    """A piece of work with a deadline, assigned to an officer, optionally about a client and
    linked to any record (an assessment, an agreement, a court application...)."""

    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks")
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=TaskStatus.values), name="task_status_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["done", "cancelled"], completed_at__isnull=False, completed_by__isnull=False)
                | (Q(status__in=["open", "overdue"]) & Q(completed_at__isnull=True)),
                name="task_completion_recorded",
            ),
        ]
        indexes = [models.Index(fields=["assigned_to", "status", "due_date"], name="task_worklist_idx")]

    def __str__(self):
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in (TaskStatus.DONE, TaskStatus.CANCELLED)


class Note(models.Model):
    """An entry in a client's case journal: what happened and what was said. Journal entries are
    kept apart from the change history; they are never edited (a correction is a new note)."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(max_length=10, choices=NoteKind.choices, default=NoteKind.NOTE)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=NoteKind.values), name="note_kind_valid")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.created_at:%d %b %Y}"


class Notification(models.Model):
    """A message to one user inside the application (e.g. "Your task is overdue").

    ``key`` makes each notification unique, so a job that runs twice does not notify twice.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications")
    key = models.CharField(max_length=120)
    message = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key")]

    def __str__(self):
        return self.message


def _register_user_history():
    """Staff accounts are audited too (their names, roles and active flag; never password hashes)."""
    from django.contrib.auth import get_user_model
    from simple_history import register

    from core.history import HistoryContext, _history_user

    register(
        get_user_model(),
        app="people",
        bases=[HistoryContext],
        get_user=_history_user,
        excluded_fields=["password", "last_login"],
    )


_register_user_history()
