"""The recovery ladder's part of ``manage.py seed_demo``, after the debtor accounts (``debt-recovery``):

- the council's ladder, set up by Joan, the debt recovery team leader (:mod:`debt_recovery.ladder.defaults`);
- the daily ladder run replayed over the last :data:`REPLAY_DAYS` days, so the demo debtors stand at
  different steps with the letters and officer's tasks each step made, as the job would have left them;
- two holds placed by Dev, the officer: a dispute placed six weeks ago whose review date has come (so the
  team leader's *Holds due for review* panel shows it and the review job gives Dev a task), and a
  safeguarding hold placed today, reviewed in four weeks. (Payment plans, with their holds, are the
  plans' part of the demo.)

Run again it adds nothing: the ladder exists, the replay runs only while no debt has a ladder position,
and each hold is made only if its debtor has none.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.history import save_attributed

#: How far back the ladder run is replayed: long enough for the oldest demo debts to reach the letter
#: before claim (74 days after the invoice) and beyond.
REPLAY_DAYS = 150


def seed_demo_step(run) -> dict[str, int]:
    from debt_recovery.accounts.models import DebtorAccount
    from debt_recovery.holds.choices import HoldReason
    from debt_recovery.holds.models import Hold
    from debt_recovery.holds.services import hold_place, holds_review_run
    from debt_recovery.ladder.defaults import seed_default_ladder
    from debt_recovery.ladder.models import LadderAction, LadderPosition
    from debt_recovery.ladder.services import ladder_run

    users = run.made["users"]
    leader, officer = users["joan"], users["dev"]
    made = {"ladder_steps": seed_default_ladder(acting_user=leader), "ladder_steps_taken": 0, "holds": 0}
    if not LadderPosition.objects.exists():
        before = LadderAction.objects.count()
        for back in range(REPLAY_DAYS, -1, -1):
            ladder_run(on=run.on - dt.timedelta(days=back))
        made["ladder_steps_taken"] = LadderAction.objects.count() - before

    debtors = list(DebtorAccount.objects.filter(status="open", ladder_position__isnull=False).order_by("reference"))
    if len(debtors) >= 2 and not Hold.objects.filter(debtor__in=debtors[:2]).exists():
        disputed, safeguarded = debtors[0], debtors[1]
        placed = timezone.now() - dt.timedelta(days=42)
        dispute = Hold(debtor=disputed, reason=HoldReason.DISPUTE, placed_by=officer, placed_at=placed,
                       review_on=run.on, note="Says the charges for the weeks in hospital in the spring should "
                                              "not have been made; the charging team is checking the dates.")
        save_attributed(dispute, user=officer, reason="Hold placed: The debt is disputed")
        hold_place(acting_user=officer, debtor=safeguarded, reason=HoldReason.SAFEGUARDING,
                   review_on=run.on + dt.timedelta(weeks=4),
                   note="The social worker has raised a safeguarding concern that a relative has been taking "
                        "the pension; no recovery until the enquiry is complete.")
        made["holds"] = 2
        holds_review_run(on=run.on)
    return made
