"""An agreement's money page: balances, accruals, the equity position and statements."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deferred_payments.accrual import selectors
from people.selectors import today
from people.views import show_service_errors


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


@require_safe
@rule_required("deferred_payments.view_fees")
def fees(request):
    """The council's administration fees: those in force, and every item with its dates and source."""
    from deferred_payments.accrual.fees import fee_schedule_in_force
    from deferred_payments.accrual.models import FeeScheduleItem

    return render(request, "deferred_payments/accrual/fees.html", {
        "in_force": fee_schedule_in_force(),
        "items": FeeScheduleItem.objects.select_related("recorded_by").order_by("kind", "name", "-effective_from"),
        "may_edit": can(request.user, "deferred_payments.edit_fees")})


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.edit_fees")
def fee_change(request, pk):
    from deferred_payments.accrual.fees import fee_schedule_change
    from deferred_payments.accrual.forms import FeeChangeForm
    from deferred_payments.accrual.models import FeeScheduleItem

    item = get_object_or_404(FeeScheduleItem, pk=pk)
    form = FeeChangeForm(request.POST if request.method == "POST" else None,
                         initial={"amount": f"{item.amount:.2f}", "effective_from": today()})
    if request.method == "POST" and form.is_valid():
        try:
            fee_schedule_change(acting_user=request.user, item=item, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Fee changed: the old amount ends the day before the new one starts")
            return redirect("deferred_payments:fees")
    history = item.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "deferred_payments/accrual/fee_form.html", {
        "form": form, "item": item, "history": history, "title": f"Change the fee: {item.name}",
        "button": "Save the new amount"})


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.edit_fees")
def fee_add(request):
    from deferred_payments.accrual.forms import FeeAddForm
    from deferred_payments.accrual.services import fee_schedule_item_record

    form = FeeAddForm(request.POST if request.method == "POST" else None, initial={"effective_from": today()})
    if request.method == "POST" and form.is_valid():
        try:
            fee_schedule_item_record(acting_user=request.user, reason="Fee added to the schedule", **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Fee added")
            return redirect("deferred_payments:fees")
    return render(request, "deferred_payments/accrual/fee_form.html", {
        "form": form, "item": None, "history": [], "title": "Add a fee", "button": "Add the fee"})
