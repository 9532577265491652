"""The demo: a card held by a care home under an agreement, a move into care with its checklist part done,
a cherished documents register, and a client who died with the estate awaiting probate; run twice, it adds
nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from deputyship.cards.models import PrepaidCard
from deputyship.death.models import Death
from deputyship.lifeevents.models import CherishedDocument, LifeEvent
from deputyship.lifeevents.services import life_event_progress

pytestmark = pytest.mark.django_db


def test_the_demo_shows_cards_life_events_and_an_estate_awaiting_probate():
    call_command("seed_demo", stdout=io.StringIO())
    card = PrepaidCard.objects.get(client__last_name="Pemberton")
    assert card.holder == "care_provider" and card.agreement.third_party == "Oakwood Care Home"
    event = LifeEvent.objects.get(client__last_name="Ashworth")
    done, everything = life_event_progress(event)
    assert 0 < done < everything
    assert CherishedDocument.objects.filter(client__last_name="Thornton", returned_on__isnull=False).count() == 1
    death = Death.objects.get(client__last_name="Dawson")
    assert death.died_on == death.client.date_of_death and not hasattr(death, "grant")
    letters = {letter.recipient: letter.letter.status for letter in death.letters.select_related("letter")}
    assert letters.get("Harrow & Finch Solicitors LLP") == "ready" and set(letters.values()) == {"ready"}
    assert death.final_account.document.status == "ready"
    counts = (PrepaidCard.objects.count(), LifeEvent.objects.count(), CherishedDocument.objects.count(),
              Death.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (PrepaidCard.objects.count(), LifeEvent.objects.count(), CherishedDocument.objects.count(),
            Death.objects.count()) == counts
