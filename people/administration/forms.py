"""Forms for the administration pages: they check what was typed and never save (the views hand
``cleaned_data`` to :mod:`people.administration.services`, which decides what is allowed)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from people.administration.selectors import ROLE_FILTERS
from people.choices import Service, StaffRole
from people.forms import GovUKForm, ReasonField
from people.models import Team

REASON_HELP = "This is kept in the history, e.g. 'Starts in the charging team on 1 December', 'Left the council'."


def _reason(**kwargs) -> ReasonField:
    return ReasonField(label=kwargs.pop("label", "Reason"), help_text=REASON_HELP, **kwargs)


def _required(message: str) -> dict:
    return {"required": message}


class AdministratorInTeamField(forms.BooleanField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "I mean this administrator to do this team's casework too")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Only needed for an administrator. A team leader can approve the team's "
                                       "work, so an administrator in a team is a deliberate choice")
        super().__init__(**kwargs)


class UserFilterForm(GovUKForm):
    q = forms.CharField(label="Name, username or email", required=False, max_length=100)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.order_by("name"), required=False,
                                  empty_label="Any team",
                                  error_messages={"invalid_choice": "Choose a team from the list"})
    service = forms.ChoiceField(label="Service", required=False, choices=[("", "Any service"), *Service.choices])
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *ROLE_FILTERS.items()])
    active = forms.ChoiceField(label="Account", required=False, choices=[
        ("", "Active and deactivated"), ("yes", "Active"), ("no", "Deactivated")])

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        active = {"yes": True, "no": False}.get(data.get("active") or "")
        return {"query": data.get("q") or "", "team": data.get("team"), "service": data.get("service") or "",
                "role": data.get("role") or "", "active": active}


class UserDetailsForm(GovUKForm):
    first_name = forms.CharField(label="First name", max_length=150, error_messages=_required("Enter the first name"))
    last_name = forms.CharField(label="Last name", max_length=150, error_messages=_required("Enter the last name"))
    email = forms.EmailField(label="Work email address", max_length=254, error_messages={
        "required": "Enter the work email address",
        "invalid": "Enter an email address in the correct format, like name@council.example"})


class UserEditForm(UserDetailsForm):
    reason = _reason()


class UserCreateForm(UserDetailsForm):
    PASSWORD, LINK = "password", "link"

    username = forms.CharField(label="Username", max_length=150, help_text="What they type to sign in, e.g. jsmith",
                               error_messages=_required("Enter a username"))
    role = forms.ChoiceField(label="Role", choices=StaffRole.choices, initial=StaffRole.NONE, widget=forms.RadioSelect,
                             help_text="Officers and team leaders get their work from their teams: add the teams "
                                       "after opening the account",
                             error_messages=_required("Choose a role"))
    password_choice = forms.ChoiceField(
        label="How will they get their password", widget=forms.RadioSelect, initial=LINK,
        choices=[(LINK, "Give me a link for them to choose it (shown once, works for 3 days)"),
                 (PASSWORD, "I will set an initial password and tell them")],
        error_messages=_required("Choose how they will get their password"))
    password = forms.CharField(label="Initial password", required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text="At least 12 characters, not a common password")
    reason = _reason()

    field_order = ["first_name", "last_name", "username", "email", "role", "password_choice", "password", "reason"]

    def clean(self):
        data = super().clean()
        if data.get("password_choice") == self.PASSWORD and not data.get("password"):
            self.add_error("password", "Enter the initial password")
        if data.get("password_choice") == self.LINK:
            data["password"] = ""
        return data


class UserRoleForm(GovUKForm):
    role = forms.ChoiceField(label="Role", choices=StaffRole.choices, widget=forms.RadioSelect,
                             error_messages=_required("Choose a role"))
    administrator_in_team = AdministratorInTeamField()
    reason = _reason()


class ReasonForm(GovUKForm):
    reason = _reason()


class MembershipAddForm(GovUKForm):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), empty_label="Choose a team",
                                  error_messages={"required": "Choose a team",
                                                  "invalid_choice": "Choose a team from the list"})
    is_leader = forms.BooleanField(label="They lead this team (team leader)", required=False,
                                   help_text="A team leader reassigns the team's cases and approves its work")
    administrator_in_team = AdministratorInTeamField()
    reason = _reason()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.exclude(memberships__user=user).order_by("name")
        self.fields["team"].label_from_instance = lambda t: f"{t.name} ({t.get_service_display()})"


class MembershipChangeForm(GovUKForm):
    is_leader = forms.BooleanField(label="They lead this team (team leader)", required=False)
    administrator_in_team = AdministratorInTeamField()
    reason = _reason()


class TeamForm(GovUKForm):
    name = forms.CharField(label="Team name", max_length=100, help_text="For example, Client affairs (East)",
                           error_messages=_required("Enter the team's name"))
    service = forms.ChoiceField(label="Service", choices=Service.choices, widget=forms.RadioSelect,
                                error_messages=_required("Choose the service the team works in"))
    reason = _reason()


class ChoosePasswordForm(SetPasswordForm):
    """Django's own set-password form (the council's password rules), in GOV.UK words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters, not a common password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"
