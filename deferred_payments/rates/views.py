"""The national interest rates page, and a team leader entering or correcting a period's rate."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deferred_payments.rates import selectors, services
from deferred_payments.rates.forms import NationalRateForm
from deferred_payments.rates.models import MissingRateNotice, NationalRate
from people.selectors import today
from people.views import show_service_errors


@require_safe
@rule_required("deferred_payments.view_rates")
def rates(request):
    return render(request, "deferred_payments/rates/list.html", {
        "rates": selectors.national_rates(),
        "missing_from": selectors.first_missing_period(on=today()),
        "notices": MissingRateNotice.objects.select_related("task").order_by("-starts_on")[:5],
        "may_enter": can(request.user, "deferred_payments.enter_rates"),
    })


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.enter_rates")
def rate_edit(request, pk=None):
    rate = get_object_or_404(NationalRate, pk=pk) if pk is not None else None
    initial = {"starts_on": rate.starts_on, "annual_rate": rate.annual_rate, "source": rate.source} if rate else {
        "starts_on": selectors.first_missing_period(on=today())}
    form = NationalRateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_rate_record(acting_user=request.user, rate=rate, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Rate saved")
            return redirect("deferred_payments:rates")
    history = rate.history.select_related("history_user").order_by("-history_date")[:20] if rate else []
    return render(request, "deferred_payments/rates/form.html", {"form": form, "rate": rate, "history": history})
