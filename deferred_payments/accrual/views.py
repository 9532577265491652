"""An agreement's money page: balances, accruals, the equity position and statements."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.rules import can, rule_required
from deferred_payments.accrual import selectors
from people.selectors import today


def agreement_in_url(request, pk, **kwargs):
    return selectors.access_agreement(user=request.user, pk=pk)


@require_safe
@rule_required("deferred_payments.view_client", obj=agreement_in_url)
def agreement_money(request, pk):
    agreement = request.rule_object
    return render(request, "deferred_payments/accrual/agreement_money.html", {
        "agreement": agreement, "client": agreement.client, "on": today(),
        "may_work": can(request.user, "deferred_payments.work_client", agreement.client),
        **selectors.agreement_money(agreement=agreement, on=today())})
