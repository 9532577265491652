"""What the people app adds to the shared screens (:mod:`core.registry`): the menu's first sections,
and the breadcrumbs of its pages. Other apps build their trails from the crumbs here (``HOME``,
``CLIENTS``, ``CLIENT``) so a client's pages read the same everywhere."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, MenuItem, WorkCount, WorkPanel, registry
from people.rules import client_of

HOME = Crumb("Home", "my-work")
CLIENTS = Crumb("Clients", "people:client-search")
CONTACTS = Crumb("Contacts", "people:contact-list")
CASELOADS = Crumb("Caseloads", "people:caseloads")


def _client(request) -> tuple[str, str] | None:
    client = client_of(getattr(request, "rule_object", None))
    return (client.display_name, client.get_absolute_url()) if client is not None and client.pk else None


CLIENT = Crumb(build=_client)  # the client the page is about


def _contact(request):
    contact = getattr(request, "rule_object", None)
    return (contact.name, reverse("people:contact-detail", args=[contact.pk])) if contact is not None else None


def _task_client(request):
    task = getattr(request, "rule_object", None)
    if task is None or task.client_id is None:
        return None
    return task.client.display_name, task.client.get_absolute_url()


def _caseload(request):
    team = getattr(request, "rule_object", None)
    return (team.name, reverse("people:team-caseload", args=[team.pk])) if team is not None else None


def _account(request):
    """The staff account of ``administration/users/<pk>/...`` or of the membership in the URL."""
    from django.contrib.auth import get_user_model

    from people.models import TeamMembership

    kwargs = request.resolver_match.kwargs
    if "memberships/" in request.path:
        membership = TeamMembership.objects.select_related("user").filter(pk=kwargs.get("pk")).first()
        account = membership.user if membership else None
    else:
        account = get_user_model().objects.filter(pk=kwargs.get("pk")).first()
    if account is None:
        return None
    return account.get_full_name() or account.get_username(), reverse("administration:user-detail", args=[account.pk])


USERS = Crumb("Users and teams", "administration:users")
TEAMS = Crumb("Teams", "administration:teams")


def _unread(user) -> int:
    from people.selectors import notifications_unread_count

    return notifications_unread_count(user=user)


def _caseload_url(scope, anchor: str, query: str | None = None) -> str:
    query = scope.query if query is None else query
    return reverse("people:team-caseload", args=[scope.team.pk]) + (f"?{query}" if query else "") + anchor


def caseload_counts(user, scope) -> list[WorkCount]:
    """The dashboard's Cases panel: the cases the team (or the chosen officer) holds, and those waiting
    for an officer. A query each."""
    from people.selectors import team_cases

    lines = [WorkCount("Cases held", team_cases(team=scope.team, officer=scope.officer,
                                                   unallocated=scope.unallocated).count(),
                       _caseload_url(scope, "#cases"))]
    if scope.officer is None and not scope.unallocated:
        lines.append(WorkCount("Cases with no officer yet", team_cases(team=scope.team, unallocated=True).count(),
                               _caseload_url(scope, "#cases", "officer=none")))
    return lines


def task_counts(user, scope) -> list[WorkCount]:
    """The dashboard's Tasks panel: open and overdue tasks of the team's members (or the chosen officer)."""
    from django.db.models import Count, Q

    from people.choices import TaskStatus
    from people.selectors import team_open_tasks, today

    if scope.unallocated:
        return []
    counted = team_open_tasks(team=scope.team, officer=scope.officer).aggregate(
        open=Count("id", distinct=True),
        overdue=Count("id", distinct=True, filter=Q(due_date__lt=today()) | Q(status=TaskStatus.OVERDUE)))
    return [WorkCount("Open tasks", counted["open"], _caseload_url(scope, "#loads")),
            WorkCount("Overdue tasks", counted["overdue"], _caseload_url(scope, "#loads"))]


def _seed_demo(run) -> dict[str, int]:
    from people.demo import seed_people

    return seed_people(run)


def register() -> None:
    from people import sections, tasks

    registry.add_jobs(tasks.SCHEDULE)
    sections.register()
    registry.add_work_panel(WorkPanel(key="caseload", title="Cases", rule="people.manage_caseloads",
                                      counts=caseload_counts, order=10, place="dashboard"))
    registry.add_work_panel(WorkPanel(key="team-tasks", title="Tasks", rule="people.manage_caseloads",
                                      counts=task_counts, order=15, place="dashboard"))
    registry.add_demo_step(DemoStep("people", _seed_demo, "Teams, logins, staff, clients, and the people, notes "
                                    "and client affairs work around them"))
    for item in (
        MenuItem("My work", "my-work", "people.use_service", order=10),
        MenuItem("Clients", "people:client-search", "people.use_service", order=20, prefixes=("/clients/",)),
        MenuItem("Contacts", "people:contact-list", "people.use_service", order=30, prefixes=("/contacts/",)),
        MenuItem("Caseloads", "people:caseloads", "people.manage_caseloads", order=60, prefixes=("/caseloads/",)),
        MenuItem("Notifications", "people:notifications", "people.use_service", order=70, badge=_unread),
        MenuItem("Users and teams", "administration:users", "people.administer_users", order=80,
                 prefixes=("/administration/",)),
    ):
        registry.add_menu_item(item)
    for crumbs in (
        Breadcrumbs(("people:client-detail", "people:client-create"), (HOME, CLIENTS)),
        Breadcrumbs(("people:client-contacts", "people:client-tasks", "people:client-notes"), (HOME, CLIENTS, CLIENT)),
        Breadcrumbs(("people:client-edit", "people:address-add", "people:correspondence-rule",
                     "people:client-contact-add", "people:note-add",
                     "people:client-task-add"), (HOME, CLIENTS, CLIENT)),
        Breadcrumbs(("people:contact-detail",), (HOME, CONTACTS)),
        Breadcrumbs(("people:contact-edit",), (HOME, CONTACTS, Crumb(build=_contact))),
        Breadcrumbs(("people:task-add",), (HOME,)),
        Breadcrumbs(("people:task-complete",), (HOME, Crumb(build=_task_client))),
        Breadcrumbs(("people:team-caseload",), (HOME, CASELOADS)),
        Breadcrumbs(("people:allocation-reassign",), (HOME, CASELOADS, Crumb(build=_caseload))),
        Breadcrumbs(("administration:user-create", "administration:user-detail", "administration:teams"),
                    (HOME, USERS)),
        Breadcrumbs(("administration:user-edit", "administration:user-role", "administration:user-deactivate",
                     "administration:user-reactivate", "administration:user-unlock",
                     "administration:user-password-link", "administration:membership-add",
                     "administration:membership-change", "administration:membership-remove"),
                    (HOME, USERS, Crumb(build=_account))),
        Breadcrumbs(("administration:team-create", "administration:team-edit"), (HOME, USERS, TEAMS)),
    ):
        registry.add_breadcrumbs(crumbs)
