"""Writes of the debt panel: preparing a case (the debt is held off the recovery ladder while the panel
considers it) and recording the panel's decision with the actions that follow, each a task."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.services import hold_place, hold_release
from debt_recovery.panel.choices import PanelOutcome, PanelStatus
from debt_recovery.panel.models import PanelAction, PanelCase
from people.choices import TaskStatus
from people.models import Task
from people.selectors import today

#: The hold placed while the panel considers a case is reviewed after this many days if undecided.
HOLD_REVIEW_DAYS = 42


class PanelError(ApplicationError):
    code = "invalid"


def panel_case_prepare(*, acting_user, debtor: DebtorAccount, background: str, recommendation: str,
                       recommendation_note: str, income_expenditure: str = "", property_details: str = "",
                       meeting_on: dt.date | None = None) -> PanelCase:
    """Put a debt to the panel with the officer's recommendation. The debt is held off the recovery
    ladder (hold reason ``debt_panel``) until the panel decides."""
    require(acting_user, "debt_recovery.work_client", debtor)
    errors: dict[str, list[str]] = {}
    if not (background or "").strip():
        errors["background"] = ["Say why the debt comes to the panel and what has been tried."]
    if recommendation not in PanelOutcome.values:
        errors["recommendation"] = ["Choose what you recommend."]
    if not (recommendation_note or "").strip():
        errors["recommendation_note"] = ["Explain the recommendation."]
    if meeting_on is not None and meeting_on < today():
        errors["meeting_on"] = ["The meeting date cannot be in the past."]
    if errors:
        raise PanelError("Check the case.", extra=errors)
    with transaction.atomic():
        debtor = DebtorAccount.objects.select_for_update().get(pk=debtor.pk)
        if PanelCase.objects.filter(debtor=debtor, status=PanelStatus.PREPARED).exists():
            raise PanelError("This debt is already waiting for the panel.", code="already_waiting")
        owed = aged_balances(ledger_account_ids=[debtor.ledger_account_id])[debtor.ledger_account_id].owed
        case = PanelCase(debtor=debtor, balance=owed, background=background.strip(), recommendation=recommendation,
                         recommendation_note=recommendation_note.strip(), income_expenditure=income_expenditure,
                         property_details=property_details, meeting_on=meeting_on, prepared_by=acting_user)
        try:
            case.hold = hold_place(acting_user=acting_user, debtor=debtor, reason=HoldReason.DEBT_PANEL,
                                   review_on=(meeting_on or today()) + dt.timedelta(days=HOLD_REVIEW_DAYS),
                                   note="Waiting for the debt panel")
        except ApplicationError:
            case.hold = None  # already held for the panel: that hold stands
        save_attributed(case, user=acting_user, reason=f"Put to the debt panel: recommends "
                                                       f"{PanelOutcome(recommendation).label.lower()}")
    return case


def panel_decision_record(*, acting_user, case: PanelCase, decision: str, decision_note: str, meeting_on: dt.date,
                          actions: list[tuple[str, object, dt.date]]) -> PanelCase:
    """Record what the panel decided on ``meeting_on`` and the actions that follow: each
    ``(description, assigned_to, due)`` becomes a task about the client. The panel's hold is released."""
    require(acting_user, "debt_recovery.record_panel_decision", case)
    errors: dict[str, list[str]] = {}
    if decision not in PanelOutcome.values:
        errors["decision"] = ["Choose what the panel decided."]
    if not (decision_note or "").strip():
        errors["decision_note"] = ["Record the panel's reasons."]
    if meeting_on is None or meeting_on > today():
        errors["meeting_on"] = ["Enter the date the panel met (not in the future)."]
    for description, assigned_to, due in actions:
        if not (description or "").strip() or assigned_to is None or due is None:
            errors["actions"] = ["Each action needs what is to be done, who does it and by when."]
        elif not assigned_to.is_active:
            errors["actions"] = [f"{assigned_to.get_full_name() or assigned_to} cannot be given work."]
    if errors:
        raise PanelError("Check the decision.", extra=errors)
    with transaction.atomic():
        case = PanelCase.objects.select_for_update(of=("self",)).select_related("debtor__client", "hold").get(pk=case.pk)
        if case.status != PanelStatus.PREPARED:
            raise PanelError("The panel has already decided this case.", code="already_decided")
        case.status, case.decision, case.decision_note = PanelStatus.DECIDED, decision, decision_note.strip()
        case.meeting_on, case.decided_by, case.decided_at = meeting_on, acting_user, timezone.now()
        save_attributed(case, user=acting_user, reason=f"Debt panel decided: {PanelOutcome(decision).label.lower()}")
        for description, assigned_to, due in actions:
            client = case.debtor.client
            task = Task(title=f"Debt panel, {client.display_name}: {description.strip()}"[:200], client=client,
                        details=f"Decided by the debt panel on {meeting_on:%d %B %Y} for {case.debtor.name} "
                                f"({case.debtor.reference}): {case.decision_note}",
                        assigned_to=assigned_to, due_date=due, created_by=acting_user,
                        status=TaskStatus.OPEN if due >= today() else TaskStatus.OVERDUE)
            task.subject = case
            save_attributed(task, user=acting_user, reason="Action decided by the debt panel")
            action = PanelAction(case=case, description=description.strip()[:200], task=task)
            save_attributed(action, user=acting_user, reason="Action decided by the debt panel")
        if case.hold is not None and case.hold.released_at is None and decision != PanelOutcome.HOLD:
            hold_release(acting_user=acting_user, hold=case.hold,
                         note=f"The debt panel decided: {PanelOutcome(decision).label.lower()}")
    return case
