"""The people pages: my work, notifications, client search and the client's page, and the forms
that add and change clients, addresses, contacts, notes and tasks.

Every view is thin: it checks the input with a form, calls one service, and redirects with a
message. Anything fetched by id goes through ``access_client`` / ``access_contact``, so another
team's record is a 404 exactly like a missing one. Auditors read everything and see no control
that writes; the pages that only exist to write (the forms) refuse them with 403 even on GET,
and ``ReadOnlyRoleMiddleware`` refuses any POST they send.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.services import client_record_viewed
from core.exceptions import ApplicationError, PermissionDeniedError
from core.roles import is_read_only
from documents.selectors import documents_for_client
from ledger.selectors import account_balance, client_funds_account
from people import selectors, services
from people.forms import (
    AddressForm,
    ClientContactForm,
    ClientCreateForm,
    ClientEditForm,
    ClientSearchForm,
    ContactEditForm,
    ContactSearchForm,
    NoteForm,
    ReassignForm,
    TaskCompleteForm,
    TaskForm,
)

PAGE_SIZE = 25
HISTORY_ON_CLIENT_PAGE = 100
HISTORY_ACTIONS = {"+": "added", "~": "changed", "-": "removed"}


# --- helpers ------------------------------------------------------------------------------------

def writers_only(view):
    """Pages that exist only to change something are not for auditors, even to look at."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_read_only(request.user):
            raise PermissionDenied("Auditors have read-only access.")
        return view(request, *args, **kwargs)

    return wrapper


def show_service_errors(form, exc: ApplicationError, field_map: dict | None = None) -> None:
    """Put a service's refusal on the form: each of ``exc.extra``'s fields in that field's error
    slot (and so in the error summary), anything else at the top."""
    if isinstance(exc, PermissionDeniedError):
        raise PermissionDenied(exc.message)
    placed = False
    for key, errors in (exc.extra or {}).items():
        name = (field_map or {}).get(key, key)
        target = name if name in form.fields else None
        for error in errors if isinstance(errors, list | tuple) else [errors]:
            form.add_error(target, str(error))
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return fallback


def _history_entries(rows: list) -> list[dict]:
    """``selectors.client_history`` rows in the words the history table shows."""
    entries = []
    for item in rows:
        row = item["row"]
        model = row.instance_type
        fields = []
        for name in item["changes"]:
            try:
                fields.append(str(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                fields.append(name.replace("_", " "))
        entries.append({
            "date": row.history_date,
            "who": row.history_user_name or (row.history_user.get_username() if row.history_user else "Unknown"),
            "what": f"{item['label']} {HISTORY_ACTIONS.get(row.history_type, row.history_type)}",
            "symbol": row.history_type,
            "fields": fields,
            "reason": row.history_change_reason or "",
            "request_id": row.request_id,
        })
    return entries


# --- my work and notifications ------------------------------------------------------------------

@require_safe
def my_work(request):
    work = selectors.my_work(user=request.user)
    return render(request, "people/my_work.html", {
        "work": work,
        "open_count": sum(len(tasks) for tasks in work.values()),
        "today": selectors.today(),
    })


@require_safe
def notifications(request):
    page = _page(request, selectors.notifications_for(user=request.user).order_by("-created_at", "-id"))
    return render(request, "people/notifications.html", {"page": page})


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(selectors.notifications_for(user=request.user), pk=pk)
    try:
        services.notification_mark_read(acting_user=request.user, notification=notification)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    messages.success(request, "Notification marked as read")
    return redirect("people:notifications")


# --- clients ------------------------------------------------------------------------------------

@require_safe
def client_search(request):
    form = ClientSearchForm(request.GET)
    page = None
    searched = bool(request.GET.get("q", "").strip()) or any(request.GET.get(f"dob_{i}") for i in range(3))
    if form.is_valid():
        clients = selectors.client_search(
            user=request.user, query=form.cleaned_data["q"], date_of_birth=form.cleaned_data["dob"]
        )
        page = _page(request, clients)
    return render(request, "people/client_search.html", {"form": form, "page": page, "searched": searched})


@require_safe
def client_detail(request, pk):
    client = selectors.access_client(user=request.user, pk=pk)
    client_record_viewed(user=request.user, client=client, request_id=request.request_id)
    day = selectors.today()
    tasks = list(selectors.client_tasks(client=client))
    context = {
        "client": client,
        "age": client.age_on(client.date_of_death or day),
        "addresses": [a for a in client.addresses.all() if a.is_current(day)],
        "allocations": selectors.current_allocations().filter(client=client).select_related("team", "officer"),
        "contact_links": selectors.client_contacts(client=client),
        "open_tasks": sorted((t for t in tasks if not t.is_closed), key=lambda t: (t.due_date, t.pk)),
        "closed_tasks": [t for t in tasks if t.is_closed],
        "notes": selectors.client_notes(client=client),
        "history": _history_entries(selectors.client_history(client=client, limit=HISTORY_ON_CLIENT_PAGE)),
        "history_limit": HISTORY_ON_CLIENT_PAGE,
        "today": day,
        "documents": documents_for_client(client=client),
        "money_available": _money_held(client),
    }
    return render(request, "people/client_detail.html", context)


def _money_held(client):
    """What the council holds for the client (None before any client money account is opened)."""
    account = client_funds_account(client=client)
    return account_balance(account=account) if account is not None else None


@require_http_methods(["GET", "POST"])
@writers_only
def client_create(request):
    form = ClientCreateForm(_posted(request), user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = selectors.likely_duplicates(user=request.user, first_name=data["first_name"],
                                                 last_name=data["last_name"], date_of_birth=data["date_of_birth"])
        different_person_reason = form.different_person_reason_for(duplicates)
        if not form.errors and (not duplicates or different_person_reason):
            try:
                client = services.client_create(
                    acting_user=request.user, team=data["team"], address=form.address_input(today=selectors.today()),
                    different_person_reason=different_person_reason, **form.client_data(),
                )
            except services.PossibleDuplicateError as exc:  # someone added the same person meanwhile
                duplicates = exc.matches
                form.different_person_reason_for(duplicates)
            except ApplicationError as exc:
                show_service_errors(form, exc, field_map={"start_date": "address_start_date"})
            else:
                messages.success(request, f"{client.full_name} has been added with reference "
                                          f"{client.council_reference}")
                return redirect(client)
    return render(request, "people/client_form.html", {
        "form": form, "client": None, "duplicates": duplicates,
        "duplicates_shown": [match for match in duplicates if match.visible],
        "duplicates_held_elsewhere": next((match.HELD_ELSEWHERE for match in duplicates if not match.visible), ""),
    })


@require_http_methods(["GET", "POST"])
@writers_only
def client_edit(request, pk):
    client = selectors.access_client(user=request.user, pk=pk)
    initial = {name: getattr(client, name) for name in ClientEditForm.client_fields}
    form = ClientEditForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_update(acting_user=request.user, client=client, reason=form.cleaned_data["reason"],
                                   **form.client_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Client details saved")
            return redirect(client)
    return render(request, "people/client_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@writers_only
def address_add(request, pk):
    client = selectors.access_client(user=request.user, pk=pk)
    form = AddressForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.address_add(acting_user=request.user, client=client, data=form.address_input())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Address added")
            return redirect(client)
    return render(request, "people/address_form.html", {"form": form, "client": client})


# --- contacts -----------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@writers_only
def client_contact_add(request, pk):
    client = selectors.access_client(user=request.user, pk=pk)
    form = ClientContactForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            # A new contact and its link to the client are saved together or not at all.
            with transaction.atomic():
                contact = (
                    services.contact_create(acting_user=request.user, **form.contact_data())
                    if form.is_new_contact else form.cleaned_data["contact"]
                )
                services.client_contact_link(acting_user=request.user, client=client, contact=contact,
                                             **form.link_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"{contact.name} added as a contact")
            return redirect(client.get_absolute_url() + "#contacts")
    return render(request, "people/client_contact_form.html", {"form": form, "client": client})


@require_safe
def contact_list(request):
    form = ContactSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = _page(request, selectors.contact_search(user=request.user, query=query))
    return render(request, "people/contact_list.html", {"form": form, "page": page})


@require_safe
def contact_detail(request, pk):
    contact = selectors.access_contact(user=request.user, pk=pk)
    links = selectors.contact_clients(user=request.user, contact=contact)
    return render(request, "people/contact_detail.html", {"contact": contact, "links": links})


@require_http_methods(["GET", "POST"])
@writers_only
def contact_edit(request, pk):
    contact = selectors.access_contact(user=request.user, pk=pk)
    initial = {name: getattr(contact, name) for name in ContactEditForm.contact_fields}
    form = ContactEditForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(acting_user=request.user, contact=contact, reason=form.cleaned_data["reason"],
                                    **form.contact_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Contact details saved")
            return redirect("people:contact-detail", pk=contact.pk)
    return render(request, "people/contact_form.html", {"form": form, "contact": contact})


# --- journal and tasks --------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@writers_only
def note_add(request, pk):
    client = selectors.access_client(user=request.user, pk=pk)
    form = NoteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Note added to the journal")
            return redirect(client.get_absolute_url() + "#notes")
    return render(request, "people/note_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@writers_only
def task_add(request, pk=None):
    client_pk = pk if pk is not None else request.GET.get("client") or request.POST.get("client")
    client = selectors.access_client(user=request.user, pk=client_pk) if client_pk else None
    form = TaskForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Task added")
            return redirect(client.get_absolute_url() + "#tasks" if client else reverse("my-work"))
    return render(request, "people/task_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@writers_only
def task_complete(request, pk):
    task = selectors.access_task(user=request.user, pk=pk)
    fallback = task.client.get_absolute_url() + "#tasks" if task.client_id else reverse("my-work")
    form = TaskCompleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(acting_user=request.user, task=task, outcome=form.cleaned_data["outcome"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
            task = selectors.access_task(user=request.user, pk=pk)  # show it as it now is (e.g. done by someone else)
        else:
            messages.success(request, f"Task completed: {task.title}")
            return redirect(_safe_next(request, fallback))
    return render(request, "people/task_complete.html", {
        "form": form, "task": task, "next": _safe_next(request, fallback),
    })


# --- team leaders' caseloads ----------------------------------------------------------------------

def _led_team(request, pk):
    """A team the user manages; another team is a 404, and someone who leads none is refused."""
    if is_read_only(request.user) or not selectors.teams_led_by(user=request.user).exists():
        raise PermissionDenied("Caseloads are for team leaders.")
    return get_object_or_404(selectors.teams_led_by(user=request.user), pk=pk)


@require_safe
def caseloads(request):
    """The teams the leader manages; with one team, straight to its caseload."""
    teams = list(selectors.teams_led_by(user=request.user))
    if is_read_only(request.user) or not teams:
        raise PermissionDenied("Caseloads are for team leaders.")
    if len(teams) == 1:
        return redirect("people:team-caseload", pk=teams[0].pk)
    return render(request, "people/caseloads.html", {"teams": teams})


@require_safe
def team_caseload(request, pk):
    team = _led_team(request, pk)
    loads, allocations = selectors.team_caseload(team=team)
    return render(request, "people/team_caseload.html", {"team": team, "loads": loads, "allocations": allocations,
                                                         "several_teams": selectors.teams_led_by(
                                                             user=request.user).count() > 1})


@require_http_methods(["GET", "POST"])
def allocation_reassign(request, pk):
    allocation = get_object_or_404(selectors.current_allocations().select_related("client", "team", "officer"), pk=pk)
    team = _led_team(request, allocation.team_id)
    form = ReassignForm(_posted(request), team=team, initial={"officer": allocation.officer_id})
    if request.method == "POST" and form.is_valid():
        officer = form.cleaned_data["officer"]
        try:
            services.allocation_change(
                acting_user=request.user, client=allocation.client, service=allocation.service, team=team,
                officer=officer, start_date=form.cleaned_data["start_date"], reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            who = officer.get_full_name() if officer else "the team, with no officer yet"
            messages.success(request, f"{allocation.client.full_name}'s case is now with {who}")
            return redirect("people:team-caseload", pk=team.pk)
    return render(request, "people/allocation_reassign.html", {"allocation": allocation, "team": team, "form": form})
