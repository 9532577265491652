"""The administration pages: users (list, open an account, details, role, teams, deactivate and
reactivate, clear a sign-in lock-out, a new set-password link) and teams (list, set up, rename or
move to another service). Every page is for administrators only (``people.administer_users``);
each view checks the form, calls one service and redirects with a message.

The one page here for someone else is where a new member of staff chooses their password, from the
link an administrator gave them: it needs no sign-in, only a link that still works.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.pagination import page_of
from core.rules import rule_required
from people.administration import selectors, services
from people.administration.forms import (
    ChoosePasswordForm,
    MembershipAddForm,
    MembershipChangeForm,
    ReasonForm,
    TeamForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
    UserRoleForm,
)
from people.models import Team, TeamMembership
from people.views import show_service_errors

ADMINISTER = "people.administer_users"
PAGE_SIZE = 50
LINK_SESSION_KEY = "administration.password_link"
HISTORY_ON_PAGE = 30


def _posted(request):
    return request.POST if request.method == "POST" else None


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _keep_link_to_show_once(request, user, link: tuple[str, str]) -> None:
    """Keep the set-password link in the session until the user's page has shown it, once."""
    uid, token = link
    url = request.build_absolute_uri(reverse("administration:set-password", args=[uid, token]))
    request.session[LINK_SESSION_KEY] = {"user": user.pk, "url": url}


# --- users --------------------------------------------------------------------------------------

@require_safe
@rule_required(ADMINISTER)
def users(request):
    form = UserFilterForm(request.GET or None)
    page = page_of(request, selectors.users_for_administration(**form.filters()), PAGE_SIZE)
    locked = selectors.locked_out_usernames()
    rows = [{"user": user, "role": selectors.staff_role(user), "locked": user.username.lower() in locked,
             "memberships": list(user.memberships.all())} for user in page.object_list]
    return render(request, "people/administration/users.html", {"form": form, "page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def user_create(request):
    form = UserCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.user_create(
                acting_user=request.user, username=data["username"], first_name=data["first_name"],
                last_name=data["last_name"], email=data["email"], role=data["role"], password=data["password"],
                reason=data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            if account.password_link:
                _keep_link_to_show_once(request, account.user, account.password_link)
            messages.success(request, f"Account opened for {_name(account.user)}")
            return redirect("administration:user-detail", pk=account.user.pk)
    return render(request, "people/administration/user_create.html", {"form": form})


def _account_history(user) -> list:
    """The account's own history and its team memberships', newest first."""
    from django.contrib.auth import get_user_model

    rows = [("Account", row) for row in get_user_model().history.filter(id=user.pk)
            .order_by("-history_date", "-history_id")[:HISTORY_ON_PAGE]]
    rows += [("Team membership", row) for row in TeamMembership.history.filter(user_id=user.pk)
             .select_related("team").order_by("-history_date", "-history_id")[:HISTORY_ON_PAGE]]
    rows.sort(key=lambda item: (item[1].history_date, item[1].history_id), reverse=True)
    return rows[:HISTORY_ON_PAGE]


@require_safe
@rule_required(ADMINISTER)
def user_detail(request, pk):
    user = selectors.access_staff_user(pk=pk)
    link = request.session.get(LINK_SESSION_KEY)
    if link and link.get("user") == user.pk:
        del request.session[LINK_SESSION_KEY]  # shown once: this page, this time
    else:
        link = None
    workload = selectors.workload_of(user)
    memberships = [{"membership": m, "cases": workload.cases_by_team.get(m.team_id, 0)} for m in user.memberships.all()]
    return render(request, "people/administration/user_detail.html", {
        "account": user, "role": selectors.staff_role(user), "memberships": memberships, "workload": workload,
        "lockout": selectors.lockout_of(user), "password_link": link["url"] if link else "",
        "protected": user.is_superuser, "yourself": user.pk == request.user.pk,
        "history": _account_history(user),
    })


def _account_page(request, user, *, template: str, form, service, success: str, context: dict | None = None):
    """A page that changes one account: the form, then the service with its cleaned data."""
    if request.method == "POST" and form.is_valid():
        try:
            result = service(user, form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, success.format(name=_name(user)))
            if isinstance(result, tuple):  # a new set-password link
                _keep_link_to_show_once(request, user, result)
            return redirect("administration:user-detail", pk=user.pk)
    return render(request, template, {"account": user, "form": form, **(context or {})})


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def user_edit(request, pk):
    user = selectors.access_staff_user(pk=pk)
    form = UserEditForm(_posted(request), initial={"first_name": user.first_name, "last_name": user.last_name,
                                                   "email": user.email})
    return _account_page(
        request, user, template="people/administration/user_edit.html", form=form, success="{name}'s details saved",
        service=lambda account, data: services.user_update(
            acting_user=request.user, user=account, first_name=data["first_name"], last_name=data["last_name"],
            email=data["email"], reason=data["reason"]))


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def user_role(request, pk):
    user = selectors.access_staff_user(pk=pk)
    form = UserRoleForm(_posted(request), initial={"role": selectors.staff_role(user)})
    return _account_page(
        request, user, template="people/administration/user_role.html", form=form, success="{name}'s role changed",
        context={"memberships": list(user.memberships.all())},
        service=lambda account, data: services.user_role_set(
            acting_user=request.user, user=account, role=data["role"], reason=data["reason"],
            administrator_in_team=data["administrator_in_team"]))


# What each confirmation page says and does: title, explanation, button, service, message.
CONFIRMATIONS = {
    "deactivate": ("Deactivate {name}'s account",
                   "They will not be able to sign in, and any session they have open ends at their next click. "
                   "Their teams, cases and tasks stay as they are.",
                   "Deactivate account", services.user_deactivate, "{name}'s account is deactivated"),
    "reactivate": ("Reactivate {name}'s account", "They will be able to sign in again with their password.",
                   "Reactivate account", services.user_reactivate, "{name}'s account is active again"),
    "unlock": ("Clear {name}'s sign-in lock-out",
               "Their failed sign-ins are forgotten, so they can sign in again straight away. Check first that it "
               "was them who could not sign in, not someone trying their account.",
               "Clear the lock-out", services.user_lockout_reset, "{name} can sign in again"),
    "password-link": ("Give {name} a new set-password link",
                      "You will see a link once, to give them. It lets them choose a new password and stops "
                      "working when they use it, or after 3 days. Their current password works until then.",
                      "Make the link", services.user_password_link,
                      "New set-password link made for {name}: give it to them now, it is shown only once"),
}


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def user_confirm(request, pk, action: str):
    user = selectors.access_staff_user(pk=pk)
    title, explanation, button, service, success = CONFIRMATIONS[action]
    context = {"title": title.format(name=_name(user)), "explanation": explanation, "button": button,
               "warning": action == "deactivate"}
    if action == "deactivate":
        context["workload"] = selectors.workload_of(user)
    if action == "unlock":
        context["lockout"] = selectors.lockout_of(user)
    return _account_page(
        request, user, template="people/administration/user_confirm.html", form=ReasonForm(_posted(request)),
        success=success, context=context,
        service=lambda account, data: service(acting_user=request.user, user=account, reason=data["reason"]))


# --- team memberships ---------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def membership_add(request, pk):
    user = selectors.access_staff_user(pk=pk)
    form = MembershipAddForm(_posted(request), user=user)
    return _account_page(
        request, user, template="people/administration/membership_form.html", form=form,
        success="{name} is in the team now", context={"membership": None, "role": selectors.staff_role(user)},
        service=lambda account, data: services.membership_add(
            acting_user=request.user, user=account, team=data["team"], is_leader=data["is_leader"],
            reason=data["reason"], administrator_in_team=data["administrator_in_team"]))


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def membership_change(request, pk):
    membership = selectors.access_membership(pk=pk)
    form = MembershipChangeForm(_posted(request), initial={"is_leader": membership.is_leader})
    return _account_page(
        request, membership.user, template="people/administration/membership_form.html", form=form,
        success=f"{{name}}'s place in {membership.team.name} changed",
        context={"membership": membership, "role": selectors.staff_role(membership.user)},
        service=lambda account, data: services.membership_change(
            acting_user=request.user, membership=membership, is_leader=data["is_leader"], reason=data["reason"],
            administrator_in_team=data["administrator_in_team"]))


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def membership_remove(request, pk):
    membership = selectors.access_membership(pk=pk)
    held = selectors.cases_held_in_team(membership=membership)
    return _account_page(
        request, membership.user, template="people/administration/user_confirm.html",
        form=ReasonForm(_posted(request)), success=f"{{name}} has left {membership.team.name}",
        context={"title": f"Take {_name(membership.user)} out of {membership.team.name}",
                 "explanation": "They will no longer see or work this team's cases.", "button": "Take them out",
                 "warning": True, "held": held, "held_team": membership.team},
        service=lambda account, data: services.membership_end(
            acting_user=request.user, membership=membership, reason=data["reason"]))


# --- teams --------------------------------------------------------------------------------------

@require_safe
@rule_required(ADMINISTER)
def teams(request):
    return render(request, "people/administration/teams.html", {"teams": selectors.teams_for_administration()})


@require_http_methods(["GET", "POST"])
@rule_required(ADMINISTER)
def team_form(request, pk=None):
    team = selectors.access_team(pk=pk) if pk is not None else None
    form = TeamForm(_posted(request), initial={"name": team.name, "service": team.service} if team else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if team is None:
                team = services.team_create(acting_user=request.user, name=data["name"], service=data["service"],
                                            reason=data["reason"])
                messages.success(request, f"{team.name} set up: add its members from each person's page")
            else:
                team = services.team_update(acting_user=request.user, team=team, name=data["name"],
                                            service=data["service"], reason=data["reason"])
                messages.success(request, f"{team.name} saved")
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            return redirect(reverse("administration:users") + f"?team={team.pk}")
    return render(request, "people/administration/team_form.html", {"form": form, "team": team})


# --- choosing a password from a link ------------------------------------------------------------

class ChoosePasswordView(auth_views.PasswordResetConfirmView):
    """Where someone chooses their password from the link an administrator gave them. The change
    is theirs in the history; the link stops working once used."""

    form_class = ChoosePasswordForm
    template_name = "people/administration/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        form.user._history_user = form.user
        form.user._change_reason = "Password chosen from a set-password link"
        response = super().form_valid(form)
        messages.success(self.request, "Your password is set: sign in with it now")
        return response


choose_password = login_not_required(ChoosePasswordView.as_view())

