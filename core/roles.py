"""The four roles, as Django groups, and what each may do.

- Officer: works their own team's clients: adds and edits clients, contacts, notes and tasks.
- Team leader: an officer who also reassigns caseloads and approves.
- Auditor: reads everything, changes nothing (every write is refused with 403).
- Administrator: manages users, teams and reference data; sees every client.
"""

from __future__ import annotations

from django.db.models import TextChoices


class Role(TextChoices):
    OFFICER = "Officer", "Officer"
    TEAM_LEADER = "Team leader", "Team leader"
    AUDITOR = "Auditor", "Auditor"
    ADMINISTRATOR = "Administrator", "Administrator"


# Model permissions granted to each role: "<app_label>.<action>_<model>".
_WORK = [
    "people.view_client", "people.add_client", "people.change_client",
    "people.view_address", "people.add_address", "people.change_address",
    "people.view_contact", "people.add_contact", "people.change_contact",
    "people.view_clientcontact", "people.add_clientcontact", "people.change_clientcontact",
    "people.view_note", "people.add_note",
    "people.view_task", "people.add_task", "people.change_task",
    "people.view_allocation", "people.view_team",
    "documents.view_document", "documents.add_document",
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.OFFICER: _WORK,
    Role.TEAM_LEADER: _WORK + ["people.add_allocation", "people.change_allocation"],
    Role.AUDITOR: [p for p in _WORK if ".view_" in p] + ["core.view_jobrun"],
    Role.ADMINISTRATOR: _WORK + [
        "people.add_allocation", "people.change_allocation", "people.add_team", "people.change_team",
        "core.view_jobrun",
    ],
}


def has_role(user, role: Role) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role.value in cache


def is_read_only(user) -> bool:
    """Auditors change nothing, even if they also hold another role by mistake."""
    return has_role(user, Role.AUDITOR) and not user.is_superuser


def sees_every_client(user) -> bool:
    return user.is_superuser or has_role(user, Role.AUDITOR) or has_role(user, Role.ADMINISTRATOR)


def sync_role_groups() -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def sync_team_roles(user, *, member: bool, leader: bool) -> None:
    """Keep the Officer and Team leader groups in step with the user's team memberships, for what
    still reads the groups (the model permissions): someone who leads a team is
    in Team leader, someone in a team who leads none is in Officer, anyone else in neither. The
    memberships are the truth; call this after changing them."""
    from django.contrib.auth.models import Group

    wanted = {Role.TEAM_LEADER} if leader else {Role.OFFICER} if member else set()
    for role in (Role.OFFICER, Role.TEAM_LEADER):
        group = Group.objects.get_or_create(name=role)[0]
        if role in wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    user.__dict__.pop("_role_names", None)


def set_staff_role(user, role: Role | None) -> None:
    """Make the user an auditor, an administrator, or neither (``None``); their team roles stay."""
    from django.contrib.auth.models import Group

    for each in (Role.AUDITOR, Role.ADMINISTRATOR):
        group = Group.objects.get_or_create(name=each)[0]
        if each == role:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    user.__dict__.pop("_role_names", None)
