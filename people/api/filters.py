"""Filters for the people API: the same searches the pages offer."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from people.choices import ContactKind, OrganisationType
from people.models import Client, Contact
from people.selectors import client_search
from people.validators import normalise_nhs_number


class ClientFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label="Part of a name, a council reference or an NHS number (as the client search page).",
    )
    date_of_birth = django_filters.DateFilter(field_name="date_of_birth", label="Date of birth, YYYY-MM-DD.")
    council_reference = django_filters.CharFilter(
        field_name="council_reference", lookup_expr="iexact", label="The council's reference, e.g. ASC-100234."
    )
    nhs_number = django_filters.CharFilter(method="filter_nhs_number", label="NHS number (spaces allowed).")

    class Meta:
        model = Client
        fields = ["q", "date_of_birth", "council_reference", "nhs_number"]

    def filter_q(self, queryset, name, value):
        # Exactly the client search page's matching, over the queryset the user may see.
        matches = client_search(user=self.request.user, query=value)
        return queryset.filter(pk__in=matches.values("pk"))

    def filter_nhs_number(self, queryset, name, value):
        return queryset.filter(nhs_number=normalise_nhs_number(value))


class ContactFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Part of the name or organisation name.")
    kind = django_filters.ChoiceFilter(choices=ContactKind.choices)
    organisation_type = django_filters.ChoiceFilter(
        choices=[(value, label) for value, label in OrganisationType.choices if value]
    )

    class Meta:
        model = Contact
        fields = ["q", "kind", "organisation_type"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(organisation_name__icontains=word))
        return queryset
