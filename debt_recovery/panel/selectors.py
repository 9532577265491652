"""Reads of the debt panel's cases and what goes in a case pack."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from debt_recovery.accounts.selectors import debtor_accounts_visible_to
from debt_recovery.packs import chronology, statement_of_account
from debt_recovery.panel.models import PanelCase
from people.selectors import today


def panel_cases_visible_to(*, user) -> QuerySet[PanelCase]:
    return (PanelCase.objects.filter(debtor__in=debtor_accounts_visible_to(user=user))
            .select_related("debtor__client", "prepared_by", "decided_by"))


def access_panel_case(*, user, pk) -> PanelCase:
    try:
        return panel_cases_visible_to(user=user).get(pk=pk)
    except (PanelCase.DoesNotExist, ValueError, TypeError):
        raise Http404("No debt panel case found") from None


def case_pack(case: PanelCase) -> dict:
    """What the panel reads: the case, the statement of account, the chronology and the actions."""
    from documents.letters import letterhead

    on = today()
    return {"case": case, "debtor": case.debtor, "client": case.debtor.client, "on": on,
            "statement": statement_of_account(case.debtor, on=on), "chronology": chronology(case.debtor, on=on),
            "actions": case.actions.select_related("task__assigned_to"), "letterhead": letterhead()}
