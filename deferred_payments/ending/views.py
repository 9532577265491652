"""Ending pages: the agreement's ending (the sale or death and the 90-day window, the settlement figure as at
a chosen date with interest to that date, the money received, the task for legal services to remove the
charge) and the final statement at settlement."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deferred_payments.agreements import forms as f
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.views import agreement_in_url
from deferred_payments.ending import services
from deferred_payments.ending.services import DAYS_AFTER_DEATH
from deferred_payments.ending.settlement import SettlementError, settlement_figure
from people.selectors import today
from people.views import show_service_errors

#: Each step on the ending page: its form, the service call and what is said when it is done.
STEPS = {
    "ending": (f.EndingForm, services.ending_record, "Sale or death recorded: the debt's due date is set."),
    "repayment": (f.RepaymentForm, services.repayment_record, "Money recorded against the debt."),
}


def _context(request, agreement, bound: dict | None = None) -> dict:
    ending = getattr(agreement, "ending", None)
    settlement_form = f.SettlementForm(request.GET or None, prefix="settle")
    settlement = settlement_error = None
    if agreement.starts_on:
        as_at = ending.settled_on if ending is not None and ending.settled_on else today()
        if settlement_form.is_bound and settlement_form.is_valid() and settlement_form.cleaned_data["as_at"]:
            as_at = settlement_form.cleaned_data["as_at"]
        try:
            settlement = settlement_figure(agreement, as_at=as_at)
        except SettlementError as exc:
            settlement_error = str(exc)
    days_left = days_overdue = None
    if ending is not None and not ending.settled_on:
        days = (ending.due_on - today()).days
        days_left, days_overdue = (days, None) if days >= 0 else (None, -days)
    forms = {name: (bound or {}).get(name) or form_class(prefix=name) for name, (form_class, _c, _d) in STEPS.items()}
    return {
        "agreement": agreement, "client": agreement.client, "ending": ending, "S": AgreementStatus,
        "repayments": agreement.repayments.all(), "forms": forms, "settlement_form": settlement_form,
        "settlement": settlement, "settlement_error": settlement_error, "days_left": days_left,
        "days_overdue": days_overdue,
        "window_days": DAYS_AFTER_DEATH,
        "may_work": can(request.user, "deferred_payments.work_client", agreement),
    }


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.view_client", write="deferred_payments.work_client", obj=agreement_in_url)
def agreement_ending(request, pk):
    agreement = request.rule_object
    if request.method == "GET":
        return render(request, "deferred_payments/ending/ending.html", _context(request, agreement))
    step = request.POST.get("step", "")
    if step not in STEPS:
        raise Http404("No such step.")
    form_class, call, done = STEPS[step]
    form = form_class(request.POST, prefix=step)
    if form.is_valid():
        try:
            call(acting_user=request.user, agreement=agreement,
                 **{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            agreement.refresh_from_db()
            messages.success(request, "Agreement settled: the final statement is being made and legal services "
                                      "have been asked to remove the charge."
                             if agreement.status == AgreementStatus.SETTLED else done)
            return redirect("deferred_payments:agreement-ending", pk=agreement.pk)
    agreement = agreement_in_url(request, pk)
    return render(request, "deferred_payments/ending/ending.html", _context(request, agreement, bound={step: form}))


@require_safe
@rule_required("deferred_payments.view_client", obj=agreement_in_url)
def final_statement(request, pk):
    """The final statement: the debt's make-up at the settlement date, the money received, and its letter."""
    agreement = request.rule_object
    ending = getattr(agreement, "ending", None)
    if ending is None or ending.settled_on is None:
        raise Http404("The agreement is not settled.")
    settled_on: dt.date = ending.settled_on
    try:
        settlement = settlement_figure(agreement, as_at=settled_on)
    except SettlementError:
        settlement = None
    return render(request, "deferred_payments/ending/final_statement.html", {
        "agreement": agreement, "client": agreement.client, "ending": ending, "settlement": settlement,
        "repayments": agreement.repayments.all()})
