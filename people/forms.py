"""Forms for the people pages. They check what the user typed and give GOV.UK-style messages;
they never save anything (the views hand ``cleaned_data`` to ``people.services``)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.db.models import Q

from core.forms import GovUKDateField
from people.choices import AddressKind, ContactKind, NoteKind, OrganisationType, Relationship, SendLettersTo
from people.models import Team
from people.selectors import contacts_visible_to, teams_of
from people.services import AddressInput
from people.validators import normalise_nhs_number, validate_nhs_number

REASON_HELP = "This is kept in the record's history, e.g. 'Daughter phoned with new number'."
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def _required(message: str) -> dict:
    return {"required": message}


class GovUKForm(forms.Form):
    """Says "Phone number must be 30 characters or fewer" where Django would say "Ensure this value
    has at most 30 characters (it has 31)"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit and "max_length" not in field.error_messages:
                field.error_messages["max_length"] = f"{field.label} must be {limit} characters or fewer"


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Reason for the change")
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("help_text", REASON_HELP)
        kwargs.setdefault("error_messages", {
            "required": "Enter a reason for the change",
            "max_length": "The reason must be 300 characters or fewer",
        })
        super().__init__(**kwargs)


class NHSNumberField(forms.CharField):
    """Ten digits (spaces allowed while typing) that pass the NHS number's check digit."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "NHS number")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "10 digits, like 943 476 5919")
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-10"})

    def to_python(self, value):
        return normalise_nhs_number(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value:
            validate_nhs_number(value)


class ClientDetailsForm(GovUKForm):
    """The client's own details, shared by the add and edit pages."""

    title = forms.CharField(label="Title", required=False, max_length=20,
                            help_text="For example, Mrs, Mr, Ms, Dr")
    first_name = forms.CharField(label="First name", max_length=100, error_messages=_required("Enter the first name"))
    middle_names = forms.CharField(label="Middle names", required=False, max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100, error_messages=_required("Enter the last name"))
    preferred_name = forms.CharField(label="Preferred name", required=False, max_length=100,
                                     help_text="What the person likes to be called, if different")
    date_of_birth = GovUKDateField(label="Date of birth", past_only=True, help_text="For example, 27 3 1945",
                                   error_messages=_required("Enter the date of birth"))
    nhs_number = NHSNumberField()
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    email = forms.EmailField(label="Email address", required=False, max_length=254, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.com"})

    client_fields = ("title", "first_name", "middle_names", "last_name", "preferred_name", "date_of_birth",
                     "nhs_number", "phone", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["class"] = "govuk-input--width-5"
        self.fields["phone"].widget.attrs.update({"class": "govuk-input--width-20", "autocomplete": "off"})
        self.fields["title"].widget.attrs["autocomplete"] = "off"

    def client_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.client_fields}


class AddressFieldsMixin(GovUKForm):
    line_1 = forms.CharField(label="Address line 1", max_length=120,
                             error_messages=_required("Enter address line 1, typically the building and street"))
    line_2 = forms.CharField(label="Address line 2", required=False, max_length=120)
    town = forms.CharField(label="Town or city", max_length=80, error_messages=_required("Enter the town or city"))
    county = forms.CharField(label="County", required=False, max_length=80)
    postcode = forms.CharField(label="Postcode", max_length=10, error_messages={
        "required": "Enter the postcode", "max_length": "Enter a real postcode, like LS1 4AP"})

    def clean_postcode(self):
        value = " ".join(self.cleaned_data["postcode"].upper().split())
        if not POSTCODE.match(value):
            raise ValidationError("Enter a real postcode, like LS1 4AP")
        if " " not in value:
            value = f"{value[:-3]} {value[-3:]}"
        return value


class ClientCreateForm(AddressFieldsMixin, ClientDetailsForm):
    """A new client, their first address and the team that will hold the case."""

    address_start_date = GovUKDateField(
        label="Living at this address since", required=False, past_only=True,
        help_text="Leave this blank if you do not know: today's date will be recorded",
    )
    team = forms.ModelChoiceField(
        label="Which team holds the case", queryset=Team.objects.none(), empty_label=None,
        error_messages={"required": "Choose the team that holds the case",
                        "invalid_choice": "Choose one of your teams"},
    )

    field_order = [*ClientDetailsForm.client_fields, "line_1", "line_2", "town", "county", "postcode",
                   "address_start_date", "team"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_of(user=user)
        mine = teams_of(user=user).first()
        if mine is not None:
            self.fields["team"].initial = mine.pk

    # Shown only when a client with the same name and date of birth is already on the record.
    different_person = forms.BooleanField(label="This is a different person", required=False)
    different_person_reason = forms.CharField(
        label="How do you know this is a different person", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is kept in the new client's history, e.g. 'Different NHS number and address; "
                  "confirmed with the social worker'",
    )
    duplicates_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def address_input(self, today) -> AddressInput:
        data = self.cleaned_data
        return AddressInput(
            line_1=data["line_1"], line_2=data["line_2"], town=data["town"], county=data["county"],
            postcode=data["postcode"], start_date=data["address_start_date"] or today,
        )

    @staticmethod
    def duplicates_key(matches) -> str:
        """Stands for the records the officer was shown, without saying which they are."""
        return salted_hmac("people.client_create.duplicates",
                           ",".join(str(m.client_id) for m in matches)).hexdigest()

    def different_person_reason_for(self, matches) -> str:
        """The officer's reason, if they ticked the box for exactly the ``matches`` they were shown;
        otherwise "" (with each field's error once they have been shown them). The officer must see
        the records before saying this is a different person, so a box ticked before a change of
        name or date of birth does not stand for records found since."""
        if not matches:
            return ""
        data = self.cleaned_data
        if data.get("duplicates_seen") != self.duplicates_key(matches):
            self.data = self.data.copy()
            self.data["duplicates_seen"] = self.duplicates_key(matches)
            return ""
        reason = (data.get("different_person_reason") or "").strip()
        if not data.get("different_person"):
            self.add_error("different_person", "Tick the box if this is a different person. If it is the same "
                                               "person, do not add them again")
        elif not reason:
            self.add_error("different_person_reason", "Say how you know this is a different person")
        return reason if data.get("different_person") else ""


class ClientEditForm(ClientDetailsForm):
    date_of_death = GovUKDateField(label="Date of death", required=False, past_only=True)
    reason = ReasonField()

    client_fields = (*ClientDetailsForm.client_fields, "date_of_death")

    def clean(self):
        data = super().clean()
        born, died = data.get("date_of_birth"), data.get("date_of_death")
        if born and died and died < born:
            self.add_error("date_of_death", "The date of death must be the same as or after the date of birth")
        return data


class AddressForm(AddressFieldsMixin):
    kind = forms.ChoiceField(label="What kind of address is this", choices=AddressKind.choices,
                             initial=AddressKind.HOME, widget=forms.RadioSelect,
                             error_messages=_required("Choose what kind of address this is"))
    start_date = GovUKDateField(label="Date they started living here", help_text="For example, 1 4 2024",
                                error_messages=_required("Enter the date they started living here"))

    field_order = ["kind", "line_1", "line_2", "town", "county", "postcode", "start_date"]

    def address_input(self) -> AddressInput:
        data = self.cleaned_data
        return AddressInput(kind=data["kind"], line_1=data["line_1"], line_2=data["line_2"], town=data["town"],
                            county=data["county"], postcode=data["postcode"], start_date=data["start_date"])


class ContactDetailsForm(GovUKForm):
    """A person or organisation around the client (shared by add and edit)."""

    kind = forms.ChoiceField(label="Is this a person or an organisation", choices=ContactKind.choices,
                             widget=forms.RadioSelect, initial=ContactKind.PERSON,
                             error_messages=_required("Choose person or organisation"))
    name = forms.CharField(label="Name", max_length=200, help_text="A person's full name, or the organisation's name",
                           error_messages=_required("Enter the contact's name"))
    organisation_type = forms.ChoiceField(
        label="Type of organisation", required=False, help_text="Only for organisations",
        choices=[("", "Not an organisation"), *[(v, t) for v, t in OrganisationType.choices if v]],
    )
    organisation_name = forms.CharField(label="Organisation they work for", required=False, max_length=200,
                                        help_text="Only for people, e.g. the solicitor's firm")
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    email = forms.EmailField(label="Email address", required=False, max_length=254, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.com"})
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    contact_fields = ("kind", "name", "organisation_type", "organisation_name", "phone", "email", "address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs["class"] = "govuk-input--width-20"

    def clean(self):
        data = super().clean()
        if data.get("kind") == ContactKind.ORGANISATION and not data.get("organisation_type"):
            self.add_error("organisation_type", "Choose what kind of organisation this is")
        if data.get("kind") == ContactKind.PERSON:
            data["organisation_type"] = ""
        return data

    def contact_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.contact_fields}


class ContactEditForm(ContactDetailsForm):
    reason = ReasonField()


class ClientContactForm(ContactDetailsForm):
    """Link a contact to a client: one already on the record, or a new one entered here."""

    EXISTING, NEW = "existing", "new"

    source = forms.ChoiceField(
        label="Is the contact already on the record", widget=forms.RadioSelect,
        choices=[(EXISTING, "Yes, choose them from the list"), (NEW, "No, enter their details")],
        error_messages=_required("Choose whether the contact is already on the record"),
    )
    contact = forms.ModelChoiceField(label="Contact", queryset=None, required=False,
                                     empty_label="Choose a contact",
                                     error_messages={"invalid_choice": "Choose a contact from the list"})
    relationship = forms.ChoiceField(label="Relationship to the client",
                                     choices=[("", "Choose a relationship"), *Relationship.choices],
                                     error_messages=_required("Choose how the contact relates to the client"))
    description = forms.CharField(label="Description", required=False, max_length=100,
                                  help_text="In your words, e.g. daughter, bank account holder, landlord")
    is_next_of_kin = forms.BooleanField(label="This contact is the client's next of kin", required=False)
    start_date = GovUKDateField(label="Date the relationship started", required=False, past_only=True)

    field_order = ["source", "contact", *ContactDetailsForm.contact_fields, "relationship", "description",
                   "is_next_of_kin", "start_date"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts_visible_to(user=user).order_by("name", "id")
        self.fields["contact"].label_from_instance = lambda c: (
            f"{c.name} ({c.get_organisation_type_display()})" if c.organisation_type else c.name)
        # The new contact's details are only needed when adding someone new (checked in clean()).
        for name in ("kind", "name"):
            self.fields[name].required = False

    def clean(self):
        data = GovUKForm.clean(self)
        if data.get("source") == self.EXISTING:
            if not data.get("contact") and "contact" not in self.errors:
                self.add_error("contact", "Choose a contact from the list")
        elif data.get("source") == self.NEW:
            if not data.get("kind"):
                self.add_error("kind", "Choose person or organisation")
            if not data.get("name"):
                self.add_error("name", "Enter the contact's name")
            if data.get("kind") == ContactKind.ORGANISATION and not data.get("organisation_type"):
                self.add_error("organisation_type", "Choose what kind of organisation this is")
            if data.get("kind") == ContactKind.PERSON:
                data["organisation_type"] = ""
        return data

    @property
    def is_new_contact(self) -> bool:
        return self.cleaned_data.get("source") == self.NEW

    def link_data(self) -> dict:
        data = self.cleaned_data
        return {"relationship": data["relationship"], "description": data["description"],
                "is_next_of_kin": data["is_next_of_kin"], "start_date": data["start_date"]}


class NoteForm(GovUKForm):
    kind = forms.ChoiceField(label="What kind of entry is this", choices=NoteKind.choices, initial=NoteKind.NOTE,
                             widget=forms.RadioSelect, error_messages=_required("Choose what kind of entry this is"))
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Journal entries cannot be changed later: a correction is a new note",
                           error_messages=_required("Enter the note"))


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class TaskForm(GovUKForm):
    title = forms.CharField(label="Title", max_length=200,
                            help_text="What needs doing, e.g. Renew the insurance on 12 Elm Road",
                            error_messages=_required("Enter what needs doing"))
    details = forms.CharField(label="Details", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    assigned_to = _UserChoiceField(label="Who will do it", queryset=None, empty_label=None,
                                   error_messages={"required": "Choose who will do the task",
                                                   "invalid_choice": "Choose someone in your team"})
    due_date = GovUKDateField(label="Due date", future_only=True, help_text="For example, 27 3 2026",
                              error_messages=_required("Enter the due date"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        colleagues = User.objects.filter(is_active=True).filter(
            Q(memberships__team__in=teams_of(user=user)) | Q(pk=user.pk)
        ).distinct().order_by("first_name", "last_name", "username")
        self.fields["assigned_to"].queryset = colleagues
        self.fields["assigned_to"].initial = user.pk


class TaskCompleteForm(GovUKForm):
    outcome = forms.CharField(label="Outcome", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="What was done, e.g. 'Insurance renewed to March 2027'")


class ClientSearchForm(GovUKForm):
    q = forms.CharField(label="Name, reference or NHS number", required=False, max_length=100,
                        help_text="Part of a name works, e.g. 'mar tho' finds Margaret Thornton")
    dob = GovUKDateField(label="Date of birth", required=False, past_only=True)


class ContactSearchForm(GovUKForm):
    q = forms.CharField(label="Name, organisation, phone or email", required=False, max_length=100)


class ReassignForm(GovUKForm):
    """Hand a case to another officer of the same team (or leave it with no officer for now)."""

    officer = forms.ModelChoiceField(
        label="Officer", queryset=get_user_model().objects.none(), required=False,
        empty_label="No officer yet (the team holds it)",
        error_messages={"invalid_choice": "Choose an officer in the team"},
    )
    start_date = GovUKDateField(label="From", required=False, help_text="Leave this blank to hand it over today")
    reason = ReasonField(help_text="This is kept in the case's history, e.g. 'Rebalancing caseloads'.")

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = get_user_model().objects.filter(memberships__team=team).order_by(
            "first_name", "last_name")
        self.fields["officer"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class CorrespondenceRuleForm(GovUKForm):
    """Where letters to the client go (``people.services.correspondence_rule_set``)."""

    send_to = forms.ChoiceField(label="Where should letters to them go", choices=SendLettersTo.choices,
                                widget=forms.RadioSelect,
                                error_messages=_required("Choose where letters should go"))
    representative = forms.ChoiceField(
        label="Their representative", required=False,
        help_text="Who letters go to, or who gets a copy: one of their current deputies, attorneys or appointees",
    )
    copy_to_client = forms.BooleanField(
        label="When letters go to their representative, send the person a copy", required=False)
    copy_to_representative = forms.BooleanField(
        label="When letters go to the person, send their representative a copy", required=False)
    reason = ReasonField()

    def __init__(self, *args, representatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.links = {str(link.pk): link for link in representatives}
        self.fields["representative"].choices = [("", "None")] + [
            (str(link.pk), f"{link.contact.name} ({link.get_relationship_display()})") for link in representatives]

    def clean(self):
        data = super().clean()
        wanted = data.get("send_to") == SendLettersTo.REPRESENTATIVE or data.get("copy_to_representative")
        if wanted and not data.get("representative"):
            self.add_error("representative", "Choose their representative" if self.links else
                           "Add their deputy, attorney or appointee as a contact first")
        data["representative"] = self.links.get(data.get("representative") or "")
        return data
