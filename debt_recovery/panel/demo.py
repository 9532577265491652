"""The debt panel in the demonstration: one case prepared by the officer and decided by the panel, with
the actions that followed. Keyed on there being a case, so a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.panel.choices import PanelOutcome
from debt_recovery.panel.models import PanelCase
from debt_recovery.panel.services import panel_case_prepare, panel_decision_record


def seed_demo_step(run) -> dict[str, int]:
    if PanelCase.objects.exists():
        return {"panel_cases": 0}
    officer, leader, on = run.made["users"]["dev"], run.made["users"]["joan"], run.on
    busy = DebtorAccount.objects.filter(write_offs__isnull=False) | DebtorAccount.objects.filter(
        court_claims__isnull=False)
    debtors = list(DebtorAccount.objects.filter(status="open", client__date_of_death__isnull=True)
                   .exclude(pk__in=busy.values("pk")).order_by("reference"))
    owed = aged_balances(ledger_account_ids=[d.ledger_account_id for d in debtors])
    debtor = max(debtors, key=lambda d: owed[d.ledger_account_id].owed, default=None)
    if debtor is None or owed[debtor.ledger_account_id].owed <= 0:
        return {"panel_cases": 0}
    case = panel_case_prepare(
        acting_user=officer, debtor=debtor,
        background="Charges unpaid since the move into residential care. The son holds a lasting power of attorney "
                   "and says the house is to be sold; no payment has been made despite reminders and a visit.",
        income_expenditure="State Pension £221.20 a week; Pension Credit £0; occupational pension £64.10 a week. "
                           "Personal expenses allowance £30.65 a week.",
        property_details="Freehold house, sole name, empty since admission; estimated £185,000, no mortgage.",
        recommendation=PanelOutcome.DEFERRED_PAYMENT,
        recommendation_note="Offer a deferred payment agreement secured on the house before any court action "
                            "(Care Act 2014 s.69(2)); if refused, return to the panel.")
    panel_decision_record(
        acting_user=leader, case=case, decision=PanelOutcome.DEFERRED_PAYMENT, meeting_on=on,
        decision_note="Agreed: offer a deferred payment agreement; ask the attorney for the sale timetable.",
        actions=[("Write to the attorney offering a deferred payment agreement", officer, on + dt.timedelta(days=7)),
                 ("Review the case if no reply", leader, on + dt.timedelta(days=35))])
    return {"panel_cases": 1}
