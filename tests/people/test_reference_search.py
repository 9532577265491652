"""Finding a client by the number part of their council reference, typed as officers type it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from people.selectors import client_search
from people.validators import join_typed_references, reference_for_number
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def references(north_team, charging_team):
    return {
        "edith": ClientFactory(council_reference="ASC-100001", first_name="Edith", last_name="Clarke", team=north_team),
        "frank": ClientFactory(council_reference="ASC-100010", first_name="Frank", last_name="Moss", team=north_team),
        "grace": ClientFactory(council_reference="ASC-000042", first_name="Grace", last_name="Lee", team=north_team),
        "harry": ClientFactory(council_reference="ASC-100002", first_name="Harry", last_name="Webb",
                               team=charging_team),
    }


@pytest.mark.parametrize("typed", ["100001", "asc 100001", "ASC100001", "asc-100001", "ASC-100001",
                                   " Asc  100001 ", "ASC - 100001"])
def test_the_number_part_finds_the_reference_however_it_is_typed(officer, references, typed):
    assert list(client_search(user=officer, query=typed)) == [references["edith"]]


def test_a_short_number_is_the_reference_with_its_leading_zeros(officer, references):
    assert list(client_search(user=officer, query="42")) == [references["grace"]]
    assert list(client_search(user=officer, query="asc 42")) == [references["grace"]]


def test_a_number_finds_only_that_reference_not_others_containing_it(officer, references):
    assert list(client_search(user=officer, query="10001")) == []  # ASC-010001: nobody
    assert list(client_search(user=officer, query="100010")) == [references["frank"]]


def test_a_reference_with_a_name_must_match_both(officer, references):
    assert list(client_search(user=officer, query="100001 clarke")) == [references["edith"]]
    assert list(client_search(user=officer, query="asc 100001 moss")) == []


def test_another_teams_reference_is_not_found(officer, other_officer, references):
    assert list(client_search(user=officer, query="100002")) == []
    assert list(client_search(user=other_officer, query="asc100002")) == [references["harry"]]


def test_the_search_page_and_the_api_find_by_the_number(client_as, officer, references):
    page = client_as(officer).get(reverse("people:client-search"), {"q": "asc 100001"})
    assert [c.last_name for c in page.context["page"].object_list] == ["Clarke"]
    api = APIClient()
    api.force_authenticate(officer)
    body = api.get("/api/v1/clients/", {"q": "100001"}).json()
    assert [row["council_reference"] for row in body["results"]] == ["ASC-100001"]


def test_typed_references_are_joined_and_numbers_read_as_references():
    assert join_typed_references("asc 100001 and Asc-7") == "ASC-100001 and ASC-000007"
    assert join_typed_references("Ascot 12") == "Ascot 12"  # a word that only starts with ASC is left alone
    assert reference_for_number("100001") == "ASC-100001"
    assert reference_for_number("1234567") is None
    assert reference_for_number("12a") is None
