"""The cards part of the demo: a client in a care home whose prepaid card the home holds under a signed
money management agreement, with the weekly spend raised at a review and a statement of the card's spending
imported."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal


def _statement(issued_on: dt.date) -> bytes:
    """The card provider's statement since the card was given: the first load, then the home's spending for her."""
    lines = [(0, "Initial load", "35.00"), (3, "Boots, Harrogate", "-6.49"), (9, "Hair by Jayne", "-12.00"),
             (16, "WHSmith, Harrogate", "-4.75"), (23, "Bettys Cafe Tea Rooms", "-8.60")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Date", "Description", "Amount", "Balance"])
    balance = Decimal("0.00")
    for days, description, amount in lines:
        balance += Decimal(amount)
        writer.writerow([f"{issued_on + dt.timedelta(days=days):%d/%m/%Y}", description, amount, balance])
    return out.getvalue().encode()


def seed_demo_step(run) -> dict[str, int]:
    from deputyship.cards.choices import CardHolder
    from deputyship.cards.models import CardStatementImport, MoneyManagementAgreement, PrepaidCard
    from deputyship.cards.services import (
        card_statement_import, card_weekly_spend_change, money_management_agreement_record, prepaid_card_issue,
    )
    from people.demo import NORTH, clients_of

    made = {"money_management_agreements": 0, "prepaid_cards": 0, "card_statements": 0}
    olivia = run.made["users"]["olivia"]
    client = next(c for c, person, _ in clients_of(run, NORTH) if person.last_name == "Pemberton")
    home = "Oakwood Care Home"
    agreement = MoneyManagementAgreement.objects.filter(client=client, third_party=home).first()
    if agreement is None:
        agreement = money_management_agreement_record(
            acting_user=olivia, client=client, third_party=home, signed_on=run.on - dt.timedelta(days=60),
            review_on=run.on + dt.timedelta(days=305))
        made["money_management_agreements"] += 1
    card = PrepaidCard.objects.filter(client=client).first()
    if card is None:
        card = prepaid_card_issue(acting_user=olivia, client=client, provider="Allpay", last_four="4821",
                                  holder=CardHolder.CARE_PROVIDER, holder_name=home, agreement=agreement,
                                  weekly_spend=Decimal("30.00"), issued_on=run.on - dt.timedelta(days=55))
        card = card_weekly_spend_change(acting_user=olivia, card=card, weekly_spend=Decimal("35.00"),
                                        reason="Agreed with Oakwood at the six-week review: a hair appointment "
                                               "every fortnight")
        made["prepaid_cards"] += 1
    if not CardStatementImport.objects.filter(card=card).exists():
        card_statement_import(acting_user=olivia, card=card, filename="allpay-4821-statement.csv",
                              content=_statement(card.issued_on))
        made["card_statements"] += 1
    return made
