"""Court returns in the demonstration: O'Connor's first annual report (its period ended about two months
ago), in draft, its figures from her year in the client account, with a decision, a visit and an action
planned entered. Keyed on the return (one per order and period) and its entries' wording."""

from __future__ import annotations

import datetime as dt

from deputyship.fees.demo import oconnor
from deputyship.returns.choices import EntryKind
from deputyship.returns.models import CourtReturn, ReportEntry
from deputyship.returns.services import report_entry_add, returns_make


def seed_demo_step(run) -> dict[str, int]:
    from deputyship.authority.models import LegalAuthority

    client = oconnor(run)
    if client is None:
        return {}
    order = LegalAuthority.objects.filter(client=client, kind="deputy").order_by("-made_on").first()
    if order is None:
        return {}
    officer = run.made["users"]["olivia"]
    made = returns_make(acting_user=officer, authority=order, on=run.on)
    first = CourtReturn.objects.filter(authority=order, number=1).first()
    entries = 0
    if first is not None and not ReportEntry.objects.filter(court_return=first).exists():
        start = first.period_start
        for kind, summary, reason, involved, days in [
            (EntryKind.DECISION, "Closed her Lloyds current account and moved the balance to the client account",
             "One account the council can reconcile monthly; the bank charged a monthly fee", True, 9),
            (EntryKind.VISIT, "Visited her at Meadowbank Care Home with her son Sean; she is settled", "", None, 120),
            (EntryKind.CONTACT, "Spoke to Sean O'Connor about the council's fees and this report", "", None, 130),
        ]:
            report_entry_add(acting_user=officer, court_return=first, kind=kind, summary=summary, reason=reason,
                             client_involved=involved, on=start + dt.timedelta(days=days))
            entries += 1
        report_entry_add(acting_user=officer, court_return=first, kind=EntryKind.ACTION,
                         summary="Consider a pre-paid funeral plan now her capital allows",
                         reason="Discuss with Sean at the next review")
        entries += 1
    return {"court_returns": made, "report_entries": entries}
