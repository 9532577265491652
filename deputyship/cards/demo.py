"""The cards part of the demo: a client in a care home whose prepaid card the home holds under a signed
money management agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def seed_demo_step(run) -> dict[str, int]:
    from deputyship.cards.choices import CardHolder
    from deputyship.cards.models import MoneyManagementAgreement, PrepaidCard
    from deputyship.cards.services import money_management_agreement_record, prepaid_card_issue
    from people.demo import NORTH, clients_of

    made = {"money_management_agreements": 0, "prepaid_cards": 0}
    olivia = run.made["users"]["olivia"]
    client = next(c for c, person, _ in clients_of(run, NORTH) if person.last_name == "Pemberton")
    home = "Oakwood Care Home"
    agreement = MoneyManagementAgreement.objects.filter(client=client, third_party=home).first()
    if agreement is None:
        agreement = money_management_agreement_record(
            acting_user=olivia, client=client, third_party=home, signed_on=run.on - dt.timedelta(days=60),
            review_on=run.on + dt.timedelta(days=305))
        made["money_management_agreements"] += 1
    if not PrepaidCard.objects.filter(client=client).exists():
        prepaid_card_issue(acting_user=olivia, client=client, provider="Allpay", last_four="4821",
                           holder=CardHolder.CARE_PROVIDER, holder_name=home, agreement=agreement,
                           weekly_spend=Decimal("35.00"), issued_on=run.on - dt.timedelta(days=55))
        made["prepaid_cards"] += 1
    return made
