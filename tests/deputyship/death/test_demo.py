"""The demo: a card held by a care home under an agreement, a move into care with its checklist part done,
a cherished documents register, and a client who died with the estate awaiting probate; run twice, it adds
nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from deputyship.cards.models import CardStatementImport, PrepaidCard
from deputyship.death.models import Death
from deputyship.lifeevents.models import CherishedDocument, LifeEvent
from deputyship.lifeevents.services import life_event_progress

pytestmark = pytest.mark.django_db


def test_the_demo_shows_cards_life_events_and_an_estate_awaiting_probate():
    call_command("seed_demo", stdout=io.StringIO())
    card = PrepaidCard.objects.get(client__last_name="Pemberton")
    assert card.holder == "care_provider" and card.agreement.third_party == "Oakwood Care Home"
    assert card.weekly_spend == Decimal("35.00") and card.history.filter(
        history_change_reason__startswith="Weekly spend changed from £30.00 to £35.00").exists()
    statement = card.statement_imports.get()
    assert (statement.lines, statement.spent, statement.closing_balance) == (5, Decimal("31.84"), Decimal("3.16"))
    assert card.balance == Decimal("3.16")
    event = LifeEvent.objects.get(client__last_name="Ashworth")
    done, everything = life_event_progress(event)
    assert 0 < done < everything
    assert CherishedDocument.objects.filter(client__last_name="Thornton", returned_on__isnull=False).count() == 1
    death = Death.objects.get(client__last_name="Dawson")
    assert death.died_on == death.client.date_of_death and not hasattr(death, "grant")
    letters = {letter.recipient: letter.letter.status for letter in death.letters.select_related("letter")}
    assert letters.get("Harrow & Finch Solicitors LLP") == "ready" and set(letters.values()) == {"ready"}
    assert death.final_account.document.status == "ready"
    counts = (PrepaidCard.objects.count(), CardStatementImport.objects.count(), LifeEvent.objects.count(), CherishedDocument.objects.count(),
              Death.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (PrepaidCard.objects.count(), CardStatementImport.objects.count(), LifeEvent.objects.count(), CherishedDocument.objects.count(),
            Death.objects.count()) == counts
