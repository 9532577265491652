"""The final settlement letter: the figure at the settlement date, how it was made up, the money received
and that the legal charge is being removed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.models import Client


def _money(amount) -> str:
    return f"£{Decimal(amount):,.2f}"


def settlement_data(*, client: Client, on: dt.date, agreement_id: int, as_at: str) -> dict:
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.ending.settlement import debt_movements

    agreement = Agreement.objects.select_related("ending").get(pk=agreement_id)
    day = dt.date.fromisoformat(as_at)
    moves = debt_movements(agreement, as_at=day)
    totals = {kind: sum((m.amount for m in moves if m.kind == kind), Decimal("0.00"))
              for kind in ("deferral", "fee", "interest", "payment")}
    to = letter_recipients(client=client, on=on)
    return {
        "letterhead": letterhead(),
        "letter": {"title": DocumentKind.DPA_SETTLEMENT.label, "date": on, "reference": agreement.reference,
                   "salutation": to["salutation"]},
        **addressing(to),
        "agreement": {"reference": agreement.reference, "person": client.full_name,
                      "started": f"{agreement.starts_on:%-d %B %Y}", "settled": f"{day:%-d %B %Y}",
                      "reason": agreement.get_end_reason_display()},
        "figures": {"deferred": _money(totals["deferral"]), "fees": _money(totals["fee"]),
                    "interest": _money(totals["interest"]), "paid": _money(-totals["payment"]),
                    "balance": _money(sum(totals.values(), Decimal("0.00")))},
    }


SETTLEMENT_LETTER = LetterSpec(kind=DocumentKind.DPA_SETTLEMENT, title=DocumentKind.DPA_SETTLEMENT.label,
                               template_name="deferred_payments/letters/settlement.html", template_version="1",
                               build=settlement_data)
