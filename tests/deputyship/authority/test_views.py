"""The client's Deputyship tab, the "Legal authority" summary row, and the authority's forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from deputyship.authority.models import CourtPermission, LegalAuthority, SecurityBond
from people.models import Task
from tests.deputyship.authority.conftest import TODAY

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_the_deputyship_tab_shows_the_authority_in_force_its_scope_restrictions_and_permissions(
        client_as, officer, north_client, deputy_order):
    from deputyship.authority.services import court_permission_record

    court_permission_record(acting_user=officer, authority=deputy_order, action="gift", granted_on=TODAY,
                            reference="COP-G1", details="A gift of £1,000 to the granddaughter's wedding",
                            amount=Decimal("1000.00"))
    page = client_as(officer).get(reverse("deputyship:client-deputyship", args=[north_client.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-tab="deputyship"' in body
    assert "1234567T" in body and "No authority to sell" in body
    assert "No sale of the client&#x27;s home without a further order." in body
    assert "COP-G1" in body and "£1,000.00" in body
    assert reverse("deputyship:court-permission-add", args=[deputy_order.pk]) in body


def test_the_summary_shows_the_legal_authority_row(client_as, officer, north_client, deputy_order):
    body = client_as(officer).get(reverse("people:client-detail", args=[north_client.pk])).content.decode()
    assert "Legal authority" in body and "Property and affairs deputy" in body and "no authority to sell" in body


def test_without_an_authority_the_tab_says_so(client_as, officer, north_client):
    body = client_as(officer).get(reverse("deputyship:client-deputyship", args=[north_client.pk])).content.decode()
    assert 'id="no-authority"' in body


def test_an_auditor_reads_the_tab_without_the_forms_and_another_team_gets_404(
        client_as, auditor, other_officer, north_client, deputy_order):
    body = client_as(auditor).get(reverse("deputyship:client-deputyship", args=[north_client.pk])).content.decode()
    assert "1234567T" in body
    assert reverse("deputyship:authority-end", args=[deputy_order.pk]) not in body
    assert client_as(other_officer).get(reverse("deputyship:client-deputyship", args=[north_client.pk])).status_code == 404


def test_recording_an_authority_from_the_page(client_as, officer, north_client):
    made = TODAY - dt.timedelta(days=3)
    response = client_as(officer).post(reverse("deputyship:authority-add", args=[north_client.pk]), {
        "kind": "deputy", "reference": "1111111T", **_date("made_on", made), "scope": "Property and affairs",
        "may_sell_property": "on", "payment_limit": "5,000.00", "reason": "Order received by post"})
    assert response.status_code == 302
    authority = LegalAuthority.objects.get(client=north_client)
    assert authority.may_sell_property and authority.payment_limit == Decimal("5000.00")
    assert authority.starts_on == made


def test_a_refused_authority_shows_the_reason_and_writes_nothing(client_as, officer, north_client, deputy_order):
    response = client_as(officer).post(reverse("deputyship:authority-add", args=[north_client.pk]), {
        "kind": "deputy", "reference": "2", **_date("made_on", TODAY), "reason": "Again"})
    assert response.status_code == 200
    assert "already has an authority in force" in response.content.decode()
    assert LegalAuthority.objects.count() == 1


def test_ending_an_authority_and_recording_a_permission_from_the_pages(client_as, officer, deputy_order):
    web = client_as(officer)
    response = web.post(reverse("deputyship:court-permission-add", args=[deputy_order.pk]), {
        "action": "sell_property", **_date("granted_on", TODAY), "reference": "COP-S1",
        "details": "Sale of 4 Mill Street"})
    assert response.status_code == 302 and CourtPermission.objects.filter(reference="COP-S1").exists()
    response = web.post(reverse("deputyship:authority-end", args=[deputy_order.pk]), {
        **_date("ends_on", TODAY), "reason": "Client died"})
    assert response.status_code == 302
    deputy_order.refresh_from_db()
    assert deputy_order.ends_on == TODAY


def test_a_bond_gets_a_renewal_task_ahead_of_its_renewal(client_as, officer, deputy_order):
    renews = TODAY + dt.timedelta(days=90)
    response = client_as(officer).post(reverse("deputyship:bond-add", args=[deputy_order.pk]), {
        "provider": "Howden Insurance Brokers", "amount": "45,000.00", "premium": "202.50",
        **_date("starts_on", deputy_order.made_on), **_date("renewal_on", renews)})
    assert response.status_code == 302
    bond = SecurityBond.objects.get(authority=deputy_order)
    task = Task.objects.get(pk=bond.renewal_task_id)
    assert task.due_date == renews - dt.timedelta(days=28) and task.assigned_to == officer


def test_the_check_page_answers_without_writing(client_as, officer, north_client, deputy_order):
    response = client_as(officer).get(reverse("deputyship:authority-check", args=[north_client.pk]),
                                      {"action": "sell_property"})
    assert "does not give authority to sell" in response.content.decode()
