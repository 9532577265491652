"""The rate tables' pages: every figure the calculator and the other teams' work use, by the date it
took effect and where it came from, with its history; team leaders add the new year's figures here.

Anyone signed in may read the rates (they are published figures); only charging team leaders and
administrators add one (``charging.rates.services.rate_add`` checks again), and each addition is in the
rate's history with who, when and why.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from charging.rates import selectors, services
from charging.rates.forms import RateAddForm
from charging.rates.models import Rate
from charging.rates.codes import RATE_CODES
from charging.templatetags.charging import rate_value
from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import can, rule_required
from people.selectors import today
from people.views import show_service_errors


def _may_add(user) -> bool:
    return can(user, "charging.add_rate")


@require_safe
@rule_required("charging.view_rates")
def rate_list(request):
    """Each rate with the figure in force today (or the latest known), grouped as the registry is."""
    day = today()
    in_force = selectors.rates_in_force(day).values  # the calculator's own answer, so the two agree
    by_code: dict[str, list[Rate]] = {}
    for rate in Rate.objects.order_by("code", "effective_from"):
        by_code.setdefault(rate.code, []).append(rate)
    rows = []
    for code, entry in RATE_CODES.items():
        figures = by_code.get(code, [])
        now = in_force.get(code)
        current = next((r for r in figures if now is not None and r.effective_from == now.effective_from), None)
        rows.append({"entry": entry, "current": current, "latest": figures[-1] if figures else None,
                     "count": len(figures)})
    return render(request, "charging/rate_list.html", {"rows": rows, "today": day,
                                                        "may_add": _may_add(request.user)})


@require_safe
@rule_required("charging.view_rates")
def rate_detail(request, code):
    entry = RATE_CODES.get(code)
    if entry is None:
        raise Http404("No such rate")
    history = Rate.history.filter(code=code).select_related("history_user").order_by("-history_date")
    return render(request, "charging/rate_detail.html", {
        "entry": entry, "figures": selectors.rate_history(code=code), "history": history,
        "may_add": _may_add(request.user)})


@require_http_methods(["GET", "POST"])
@rule_required("charging.add_rate")
def rate_add(request):
    form = RateAddForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            rate = services.rate_add(acting_user=request.user, **form.cleaned_data)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from None
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"{RATE_CODES[rate.code].name}: {rate_value(rate)} from "
                                      f"{rate.effective_from.day} {rate.effective_from:%B %Y} added")
            return redirect("charging:rate-detail", code=rate.code)
    return render(request, "charging/rate_form.html", {"form": form})
