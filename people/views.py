"""The people pages: my work, notifications, client search and the client's page (its summary and the
tabs the apps register, see ``people.sections``), and the forms
that add and change clients, addresses, contacts, notes and tasks.

Every view is thin: it checks the input with a form, calls one service, and redirects with a
message. Anything fetched by id goes through ``access_client`` / ``access_contact``, so another
team's record is a 404 exactly like a missing one. Auditors read everything and see no control
that writes; the pages that only exist to write (the forms) refuse them with 403 even on GET,
and ``ReadOnlyRoleMiddleware`` refuses any POST they send.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import note_client_read, note_client_reads
from core.exceptions import ApplicationError, PermissionDeniedError
from core.pagination import page_of
from core.registry import DashboardScope, registry
from core.rules import can, require_page, rule_required
from people import correspondence, sections, selectors, services
from people.models import Team
from people.forms import (
    AddressForm,
    ClientContactForm,
    ClientCreateForm,
    ClientEditForm,
    ClientSearchForm,
    ContactEditForm,
    CorrespondenceRuleForm,
    ContactSearchForm,
    NoteForm,
    ReassignForm,
    TaskCompleteForm,
    TaskForm,
)

PAGE_SIZE = 25


# --- helpers ------------------------------------------------------------------------------------

def client_in_url(request, pk, **kwargs):
    """The client of ``clients/<pk>/...``: a 404 when the user may not see them (rule loaders)."""
    return selectors.access_client(user=request.user, pk=pk)


def contact_in_url(request, pk, **kwargs):
    return selectors.access_contact(user=request.user, pk=pk)


def task_in_url(request, pk, **kwargs):
    return selectors.access_task(user=request.user, pk=pk)


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
    return page_of(request, queryset, PAGE_SIZE)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return fallback


# --- my work and notifications ------------------------------------------------------------------

@require_safe
@rule_required("people.use_service")
def my_work(request):
    """What waits for this user (the panels the apps register: approvals, sign-offs, held payments...),
    then their tasks."""
    work = selectors.my_work(user=request.user)
    return render(request, "people/my_work.html", {
        "waiting": waiting_for(request.user, place="my_work"),
        "work": work,
        "open_count": sum(len(tasks) for tasks in work.values()),
        "today": selectors.today(),
    })


def waiting_for(user, *, place: str, scope=None) -> list[dict]:
    """The registered work panels for ``place`` that this user may see (:class:`core.registry.WorkPanel`):
    on *My work* each with its lines that have something waiting; on a dashboard (``scope``, a
    :class:`core.registry.DashboardScope`) with every line, zeros too, so the leader sees each figure."""
    panels = []
    for panel in registry.work_panels:
        if panel.place != place or not can(user, panel.rule):
            continue
        if scope is None:
            lines = [line for line in panel.counts(user) if line.count]
        else:
            lines = list(panel.counts(user, scope))
        if lines:
            panels.append({"key": panel.key, "title": panel.title, "lines": lines})
    return panels


@require_safe
@rule_required("people.use_service")
def notifications(request):
    page = _page(request, selectors.notifications_for(user=request.user).order_by("-created_at", "-id"))
    return render(request, "people/notifications.html", {"page": page})


def notification_in_url(request, pk, **kwargs):
    """One of the user's own notifications (anyone else's is a 404)."""
    return get_object_or_404(selectors.notifications_for(user=request.user), pk=pk)


@require_POST
@rule_required("people.use_service", obj=notification_in_url)
def notification_read(request, pk):
    notification = request.rule_object
    try:
        services.notification_mark_read(acting_user=request.user, notification=notification)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    messages.success(request, "Notification marked as read")
    return redirect("people:notifications")


# --- clients ------------------------------------------------------------------------------------

@require_safe
@rule_required("people.use_service")
def client_search(request):
    form = ClientSearchForm(request.GET)
    page = None
    searched = bool(request.GET.get("q", "").strip()) or any(request.GET.get(f"dob_{i}") for i in range(3))
    if form.is_valid():
        clients = selectors.client_search(
            user=request.user, query=form.cleaned_data["q"], date_of_birth=form.cleaned_data["dob"]
        )
        page = _page(request, clients)
        note_client_reads(request, page.object_list)
    return render(request, "people/client_search.html", {"form": form, "page": page, "searched": searched})


@require_safe
@rule_required("people.view_client", obj=client_in_url)
def client_detail(request, pk):
    """The client's page, first tab: who they are, where they live, who holds the case, where letters
    go, and a line from each app that adds one (:class:`core.registry.SummaryRow`)."""
    client = request.rule_object
    prefetch_related_objects([client], "addresses")  # the summary and where letters go read them once
    day = selectors.today()
    return render(request, "people/client_detail.html", {
        "client": client,
        "age": client.age_on(client.date_of_death or day),
        "addresses": [a for a in client.addresses.all() if a.is_current(day)],
        "allocations": selectors.current_allocations().filter(client=client).select_related("team", "officer"),
        "letters_go_to": correspondence.describe(client, day),
        "rows": sections.summary_rows(user=request.user, client=client),
        "today": day,
    })


@require_safe
@rule_required("people.view_client", obj=client_in_url)
def client_section(request, pk, key):
    """A tab of the client's page drawn from what its app registered (:class:`core.registry.ClientSection`):
    the tab's selector builds its context, its template draws it; 403 for those its rule refuses."""
    client = request.rule_object
    section = registry.client_section(key)
    if section.context is None:
        raise ImproperlyConfigured(f"The client section {key!r} has a page of its own ({section.url_name}).")
    require_page(request, section.rule, client)
    return render(request, "people/client_section.html", {
        "client": client, "section": section, **section.context(client=client, user=request.user)})


def client_tab_url(client, key: str) -> str:
    """The URL of one of the client's tabs (``"tasks"``), for redirects back to it."""
    return reverse(registry.client_section(key).url_name, args=[client.pk])


@require_http_methods(["GET", "POST"])
@rule_required("people.add_client")
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
@rule_required("people.work_client", obj=client_in_url)
def client_edit(request, pk):
    client = request.rule_object
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
@rule_required("people.work_client", obj=client_in_url)
def address_add(request, pk):
    client = request.rule_object
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


@require_http_methods(["GET", "POST"])
@rule_required("people.change_correspondence_rule", obj=client_in_url)
def correspondence_rule(request, pk):
    """Where letters to the client go (their correspondence rule)."""
    client = request.rule_object
    day = selectors.today()
    letters_go_to = correspondence.describe(client, day)
    rule = letters_go_to["rule"]
    initial = ({"send_to": rule.send_to, "representative": str(rule.representative_id or ""),
                "copy_to_client": rule.copy_to_client, "copy_to_representative": rule.copy_to_representative}
               if rule else {})
    form = CorrespondenceRuleForm(_posted(request), initial=initial,
                                  representatives=correspondence.representatives(client, day))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.correspondence_rule_set(
                acting_user=request.user, client=client, send_to=data["send_to"],
                representative=data["representative"], copy_to_client=data["copy_to_client"],
                copy_to_representative=data["copy_to_representative"], reason=data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Where letters go has been saved")
            return redirect(client)
    return render(request, "people/correspondence_rule_form.html", {
        "form": form, "client": client, "letters_go_to": letters_go_to,
        "council": correspondence.council_acting_for(client, day),
    })


# --- contacts -----------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@rule_required("people.work_client", obj=client_in_url)
def client_contact_add(request, pk):
    client = request.rule_object
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
            return redirect(client_tab_url(client, "contacts"))
    return render(request, "people/client_contact_form.html", {"form": form, "client": client})


@require_safe
@rule_required("people.use_service")
def contact_list(request):
    form = ContactSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = _page(request, selectors.contact_search(user=request.user, query=query))
    return render(request, "people/contact_list.html", {"form": form, "page": page})


@require_safe
@rule_required("people.use_service", obj=contact_in_url)
def contact_detail(request, pk):
    contact = request.rule_object
    links = selectors.contact_clients(user=request.user, contact=contact)
    note_client_reads(request, [link.client_id for link in links])
    return render(request, "people/contact_detail.html", {"contact": contact, "links": links})


@require_http_methods(["GET", "POST"])
@rule_required("people.change_contact", obj=contact_in_url)
def contact_edit(request, pk):
    contact = request.rule_object
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
@rule_required("people.work_client", obj=client_in_url)
def note_add(request, pk):
    client = request.rule_object
    form = NoteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Note added to the journal")
            return redirect(client_tab_url(client, "notes"))
    return render(request, "people/note_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@rule_required("people.work_client", obj=client_in_url)
def client_task_add(request, pk):
    """A task about the client of ``clients/<pk>/tasks/add/``."""
    return _task_form(request, request.rule_object)


@require_http_methods(["GET", "POST"])
@rule_required("people.add_task")
def task_add(request):
    """A task about no one client, or about ``?client=`` (the task list's own link)."""
    client_pk = request.GET.get("client") or request.POST.get("client")
    client = selectors.access_client(user=request.user, pk=client_pk) if client_pk else None
    if client is not None:
        require_page(request, "people.work_client", client)
    return _task_form(request, client)


def _task_form(request, client):
    form = TaskForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Task added")
            return redirect(client_tab_url(client, "tasks") if client else reverse("my-work"))
    return render(request, "people/task_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@rule_required("people.complete_task", obj=task_in_url)
def task_complete(request, pk):
    task = request.rule_object
    fallback = client_tab_url(task.client, "tasks") if task.client_id else reverse("my-work")
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

def team_in_url(request, pk, **kwargs):
    return get_object_or_404(Team, pk=pk)


def allocation_team(request, pk, **kwargs):
    """The team holding a current allocation of a client the user may see (404 otherwise)."""
    allocation = get_object_or_404(selectors.current_allocations().select_related("client", "team", "officer")
                                   .filter(client__in=selectors.clients_visible_to(user=request.user)), pk=pk)
    request.allocation = allocation
    return allocation.team


@require_safe
@rule_required("people.manage_caseloads")
def caseloads(request):
    """The teams the leader manages; with one team, straight to its caseload."""
    teams = list(selectors.teams_led_by(user=request.user))
    if len(teams) == 1:
        return redirect("people:team-caseload", pk=teams[0].pk)
    return render(request, "people/caseloads.html", {"teams": teams})


def dashboard_scope(request, team) -> DashboardScope:
    """The team and ``?officer=<id>`` (one of its members) or ``?officer=none`` (cases with no officer yet);
    any other officer is a 404, like a team member who does not exist."""
    wanted = request.GET.get("officer", "").strip()
    if not wanted:
        return DashboardScope(team=team)
    if wanted == "none":
        return DashboardScope(team=team, unallocated=True)
    membership = team.memberships.select_related("user").filter(user_id=wanted if wanted.isdigit() else None).first()
    if membership is None:
        raise Http404("No such officer in this team")
    return DashboardScope(team=team, officer=membership.user)


@require_safe
@rule_required("people.reassign_case", obj=team_in_url)
def team_caseload(request, pk):
    """The team leader's dashboard: the panels the apps register for it (cases, tasks, and each domain's
    work for the team), who holds what, and the cases, for the whole team or one officer."""
    team = request.rule_object
    scope = dashboard_scope(request, team)
    loads, _ = selectors.team_caseload(team=team)
    cases = selectors.team_cases(team=team, officer=scope.officer, unallocated=scope.unallocated)
    return render(request, "people/team_caseload.html", {
        "team": team, "scope": scope, "panels": waiting_for(request.user, place="dashboard", scope=scope),
        "loads": loads, "allocations": cases,
        "several_teams": selectors.teams_led_by(user=request.user).count() > 1})


@require_http_methods(["GET", "POST"])
@rule_required("people.reassign_case", obj=allocation_team)
def allocation_reassign(request, pk):
    allocation, team = request.allocation, request.rule_object
    note_client_read(request, allocation.client)
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
