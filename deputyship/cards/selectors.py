"""Reading a client's prepaid cards, the agreements they are held under, their top-ups and statements."""

from __future__ import annotations

from django.http import Http404

from deputyship.cards.models import CardSpend, MoneyManagementAgreement, PrepaidCard
from people.selectors import clients_visible_to

#: How many of the card's latest top-ups and statement lines the client's card page shows.
RECENT = 26


def access_card(*, user, pk) -> PrepaidCard:
    """The card with id ``pk`` if the user may see its client; else a 404 (like one that does not exist)."""
    try:
        return PrepaidCard.objects.select_related("client", "agreement").get(
            pk=pk, client__in=clients_visible_to(user=user))
    except (PrepaidCard.DoesNotExist, ValueError, TypeError):
        raise Http404("No such card") from None


def card_in_use(*, client) -> PrepaidCard | None:
    return PrepaidCard.objects.filter(client=client, ended_on__isnull=True).select_related("agreement").first()


def agreements_in_force(*, client, on):
    """The client's money management agreements signed by ``on`` and not ended before it: those a card may be
    given to a care provider under."""
    return (MoneyManagementAgreement.objects.filter(client=client, signed_on__lte=on)
            .exclude(ended_on__lt=on).order_by("-signed_on", "-pk"))


def cards_context(*, client) -> dict:
    """What the client's prepaid card page shows."""
    card = card_in_use(client=client)
    return {
        "card": card,
        "topups": list(card.topups.select_related("payment", "task")[:RECENT]) if card else [],
        "statements": list(card.statement_imports.select_related("imported_by")[:RECENT]) if card else [],
        "spends": list(CardSpend.objects.filter(card=card).order_by("-spent_on", "-line_number")[:RECENT])
        if card else [],
        "agreements": list(MoneyManagementAgreement.objects.filter(client=client)),
        "ended": list(PrepaidCard.objects.filter(client=client, ended_on__isnull=False).order_by("-ended_on")),
    }
