"""The demo's life events and registers page: the move into care with its checklist, the documents register, an
investment and a benefit check; run twice, it adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from deputyship.lifeevents.models import BenefitCheck, Investment
from people.models import Client

pytestmark = pytest.mark.django_db


def test_the_demo_client_has_an_investment_and_a_benefit_check_on_the_page(client):
    call_command("seed_demo", stdout=io.StringIO())
    peggy = Client.objects.get(last_name="Thornton")
    assert Investment.objects.filter(client=peggy).count() == 1
    assert BenefitCheck.objects.filter(client=peggy).count() == 1
    check = BenefitCheck.objects.get(client=peggy)
    olivia = check.checked_by
    client.force_login(olivia)
    page = client.get(reverse("deputyship:client-life", args=[peggy.pk])).content.decode()
    for shown in ("NS&amp;I", "£4,250.00", "Pension Credit", "+£18.40", "Will dated 3 March 2009",
                  reverse("deputyship:investment-review", args=[Investment.objects.get(client=peggy).pk])):
        assert shown in page, shown
    call_command("seed_demo", stdout=io.StringIO())
    assert (Investment.objects.count(), BenefitCheck.objects.count()) == (1, 1)
