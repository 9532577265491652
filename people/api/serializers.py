"""Serializers for the people API. Input serializers only check the shape of what was sent; the
services decide what is allowed. Output serializers say what we send back."""

from __future__ import annotations

from rest_framework import serializers

from people.choices import AddressKind, ContactKind, OrganisationType, Service
from people.models import Address, Client, ClientContact, Contact, Team
from people.selectors import teams_of

# --- errors (the one shape ``core.api.exception_handler`` returns) -------------------------------


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable code, e.g. invalid, permission_denied, not_found.")
    message = serializers.CharField(help_text="A sentence a person can act on.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="For bad input: each field's problems, by field name; a field inside an object or list by its "
                  "path (address.postcode, postings[1].amount); a problem with the whole body under non_field_errors.",
    )


class LikelyDuplicateSerializer(serializers.Serializer):
    held_by_another_team = serializers.BooleanField(
        help_text="True for a client you may not see: nothing more is said about them.")
    council_reference = serializers.CharField(help_text="Empty for a client held by another team.")
    name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    postcode = serializers.CharField(help_text="Of the client's latest current address.")
    message = serializers.CharField()


class PossibleDuplicateSerializer(ErrorSerializer):
    matches = LikelyDuplicateSerializer(many=True, help_text="The clients with the same name and date of birth.")


def likely_duplicate_data(match) -> dict:
    """A likely duplicate as the API describes it: the details only of a client the user may see."""
    if not match.visible:
        return {"held_by_another_team": True, "council_reference": "", "name": "", "date_of_birth": None,
                "postcode": "", "message": match.HELD_ELSEWHERE}
    return {"held_by_another_team": False, "council_reference": match.council_reference, "name": match.name,
            "date_of_birth": match.date_of_birth.isoformat() if match.date_of_birth else None,
            "postcode": match.postcode, "message": f"Same name and date of birth as {match.describe()}."}


# --- output -------------------------------------------------------------------------------------


class AddressOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = ["id", "kind", "line_1", "line_2", "town", "county", "postcode", "start_date", "end_date"]
        read_only_fields = fields


# An email address is optional: empty when none is known, so the schema says string, not format email.
_EMAIL_OUT = dict(read_only=True, help_text="The email address, or empty if none is known.")


class ClientOutputSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    email = serializers.CharField(**_EMAIL_OUT)
    display_name = serializers.CharField(read_only=True)
    addresses = AddressOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Client
        fields = [
            "id", "council_reference", "title", "first_name", "middle_names", "last_name", "preferred_name",
            "full_name", "display_name", "date_of_birth", "nhs_number", "phone", "email", "date_of_death",
            "addresses", "created_at", "updated_at",
        ]
        read_only_fields = fields


class ContactOutputSerializer(serializers.ModelSerializer):
    email = serializers.CharField(**_EMAIL_OUT)

    class Meta:
        model = Contact
        fields = ["id", "kind", "name", "organisation_type", "organisation_name", "phone", "email", "address",
                  "created_at"]
        read_only_fields = fields


class ClientContactOutputSerializer(serializers.ModelSerializer):
    contact = ContactOutputSerializer(read_only=True)
    relationship_display = serializers.CharField(source="get_relationship_display", read_only=True)

    class Meta:
        model = ClientContact
        fields = ["id", "relationship", "relationship_display", "description", "is_next_of_kin", "start_date",
                  "end_date", "notes", "contact"]
        read_only_fields = fields


# --- input --------------------------------------------------------------------------------------


class AddressInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AddressKind.choices, default=AddressKind.HOME)
    line_1 = serializers.CharField(max_length=120)
    line_2 = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    town = serializers.CharField(max_length=80)
    county = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=10)
    start_date = serializers.DateField()


class _ClientFieldsSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=20, required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=100)
    middle_names = serializers.CharField(max_length=100, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=100)
    preferred_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    date_of_birth = serializers.DateField()
    nhs_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="10 digits; spaces are allowed and removed."
    )
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    date_of_death = serializers.DateField(required=False, allow_null=True)


class ClientCreateInputSerializer(_ClientFieldsSerializer):
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), help_text="The id of the team whose caseload the client joins: one of yours."
    )
    service = serializers.ChoiceField(
        choices=Service.choices, required=False, help_text="Which service holds the case; the team's own by default."
    )
    address = AddressInputSerializer(required=False, help_text="The client's first address.")
    reason = serializers.CharField(max_length=500, required=False, help_text="Recorded in the history.")
    different_person_reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True,
        help_text="Only when a client with the same name and date of birth is already on the record (the "
                  "first attempt is answered 409 `possible_duplicate`, naming them): why this is a different "
                  "person. Recorded in the new client's history.",
    )

    def validate_team(self, team: Team) -> Team:
        user = self.context["request"].user
        if not teams_of(user=user).filter(pk=team.pk).exists():
            raise serializers.ValidationError("Choose one of your own teams.")
        return team


class ClientUpdateInputSerializer(_ClientFieldsSerializer):
    reason = serializers.CharField(max_length=500, help_text="Why the details changed: the history shows it.")

    def validate(self, attrs):
        if not attrs.get("reason"):  # PATCH skips required fields; the reason is never optional
            raise serializers.ValidationError({"reason": ["Give a reason for the change."]})
        return attrs


class _ContactFieldsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    name = serializers.CharField(max_length=200)
    organisation_type = serializers.ChoiceField(
        choices=OrganisationType.choices, required=False, allow_blank=True,
        help_text="Required for an organisation.",
    )
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)


class ContactCreateInputSerializer(_ContactFieldsSerializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices, default=ContactKind.PERSON)
    reason = serializers.CharField(max_length=500, required=False, help_text="Recorded in the history.")


class ContactUpdateInputSerializer(_ContactFieldsSerializer):
    reason = serializers.CharField(max_length=500, help_text="Why the details changed: the history shows it.")

    def validate(self, attrs):
        if not attrs.get("reason"):
            raise serializers.ValidationError({"reason": ["Give a reason for the change."]})
        return attrs
