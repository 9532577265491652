"""The debtor pages: the client's Debts tab (drawn by :func:`people.views.client_section`), one debtor
account with everything it owes and every payment, and the aged debt list."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagination import page_of
from core.rules import rule_required
from debt_recovery.accounts.selectors import (
    BANDS,
    BAND_KEYS,
    access_debtor_account,
    aged_debt_totals,
    client_debtor_accounts,
    debtor_accounts_visible_to,
    with_aged_balances,
)
from ledger.selectors import account_statement
from people.selectors import today

#: Statements on these pages start here: before the first charge any system could post.
EARLIEST = dt.date(2000, 1, 1)


def _history(debtor, on: dt.date):
    return account_statement(account=debtor.ledger_account, start=EARLIEST, end=on)


def _rows(totals) -> list[tuple[str, object]]:
    return [(label, totals[key]) for key, label, *_ in BANDS]


def debtor_accounts_context(*, client) -> dict:
    on = today()
    lines = with_aged_balances(client_debtor_accounts(client=client), as_at=on)
    return {"debtor_lines": [(line, _history(line.debtor, on)) for line in lines], "bands": BANDS, "on": on,
            "total_rows": _rows(aged_debt_totals(lines)), "total_owed": sum(line.aged.owed for line in lines)}


def debtor_in_url(request, pk):
    return access_debtor_account(user=request.user, pk=pk)


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=debtor_in_url)
def debtor_detail(request, pk):
    debtor = request.rule_object
    on = today()
    from debt_recovery.court.selectors import debtor_limitation
    from debt_recovery.interest.selectors import interest_before_charging
    from debt_recovery.statements.selectors import debtor_statements

    line = with_aged_balances([debtor], as_at=on)[0]
    return render(request, "debt_recovery/debtor_detail.html", {
        "debtor": debtor, "client": debtor.client, "aged": line.aged, "statement": _history(debtor, on), "on": on,
        "interest": interest_before_charging(debtor=debtor, as_at=on), "statements": debtor_statements(debtor=debtor),
        "limitation": debtor_limitation(debtor, on=on)})


@require_safe
@rule_required("debt_recovery.view_aged_debt")
def aged_debt(request):
    """Every open debtor account the user may see with something owed, oldest debt first; ``?band=``
    narrows to those whose oldest debt is in that band."""
    band = request.GET.get("band", "")
    if band not in BAND_KEYS:
        band = ""
    on = today()
    lines = [line for line in with_aged_balances(debtor_accounts_visible_to(user=request.user).filter(status="open"),
                                                 as_at=on)
             if line.aged.owed > 0 and (not band or line.aged.oldest_band == band)]
    lines.sort(key=lambda line: (-BAND_KEYS.index(line.aged.oldest_band), -line.aged.owed, line.debtor.reference))
    page = page_of(request, lines, 50)
    from debt_recovery.holds.selectors import holds_in_force

    # Debts the ladder leaves alone (a plan, a dispute, a safeguarding enquiry...), marked on the page.
    held = set(holds_in_force(on).filter(debtor_id__in=[line.debtor.pk for line in page.object_list])
               .values_list("debtor_id", flat=True))
    return render(request, "debt_recovery/aged_debt.html", {
        "page": page, "bands": BANDS, "band": band, "on": on, "total_rows": _rows(aged_debt_totals(lines)),
        "total_owed": sum(line.aged.owed for line in lines), "held": held})
