"""The demonstration council's recovery ladder, from the practice the domain notes record
(``docs/decisions.md``, "Recovery ladder"). Each council sets its own in the browser; these are where
it starts.

Timings, counted from the day a charge fell due (14 days after the invoice, the invoice's own terms):

- reminder: 7 days after the due date, so **21 days after the invoice** (Gloucestershire County Council,
  East Riding of Yorkshire Council and Stafford Borough Council send the reminder 21 days after the
  invoice);
- final reminder: 14 days after the reminder. The sources say only "after the reminder"
  (Gloucestershire); no figure was found, so 14 days is this council's choice, editable;
- referral to the recovery officer: 25 days after the final reminder, so **60 days after the invoice**
  (Gloucestershire refers debts to its recovery team within 60 days of the invoice);
- letter before claim: 14 days after the referral, giving the officer time to investigate first (no
  published figure found; this council's choice). It encloses what the Pre-Action Protocol for Debt
  Claims requires and gives **30 days** to reply (the protocol);
- county court: **30 days** after the letter before claim, when the protocol's reply period has passed;
  a task for the officer to decide, never a claim by itself (Care Act 2014 s.69(2); court only where
  proportionate, City of York Council).
"""

from __future__ import annotations

from decimal import Decimal

from debt_recovery.ladder.choices import LadderLetter, StepKind

DEFAULT_LADDER = (
    {"position": 1, "kind": StepKind.REMINDER, "name": "Reminder", "days_after": 7,
     "letter_kind": LadderLetter.REMINDER, "creates_task": False,
     "guidance": "21 days after the invoice (Gloucestershire, East Riding, Stafford)."},
    {"position": 2, "kind": StepKind.FINAL_REMINDER, "name": "Final reminder", "days_after": 14,
     "letter_kind": LadderLetter.FINAL_REMINDER, "creates_task": False,
     "guidance": "After the reminder (Gloucestershire); 14 days is this council's choice."},
    {"position": 3, "kind": StepKind.OFFICER_REFERRAL, "name": "Referral to the recovery officer", "days_after": 25,
     "letter_kind": LadderLetter.NONE, "creates_task": True, "task_due_days": 10,
     "guidance": "Within 60 days of the invoice (Gloucestershire)."},
    {"position": 4, "kind": StepKind.LETTER_BEFORE_CLAIM, "name": "Letter before claim", "days_after": 14,
     "letter_kind": LadderLetter.LETTER_BEFORE_CLAIM, "creates_task": True, "min_balance": Decimal("50.00"),
     "guidance": "Pre-Action Protocol for Debt Claims: 30 days to reply. Not for overdue balances under £50: "
                 "those are for write-off (Middlesbrough writes off small balances under £50 in bulk)."},
    {"position": 5, "kind": StepKind.COUNTY_COURT, "name": "County court claim", "days_after": 30,
     "letter_kind": LadderLetter.NONE, "creates_task": True, "task_due_days": 10, "min_balance": Decimal("50.00"),
     "guidance": "After the letter before claim's 30-day reply period (Pre-Action Protocol for Debt Claims)."},
)


def seed_default_ladder(*, acting_user) -> int:
    """Set up the default ladder if there is none yet; returns how many steps it added."""
    from debt_recovery.ladder.services import ladder_steps_seed

    return ladder_steps_seed(acting_user=acting_user, steps=DEFAULT_LADDER,
                             reason="The council's recovery ladder set up (the published practice it follows is "
                                    "in each step's guidance)")
