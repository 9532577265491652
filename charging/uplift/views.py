"""The April uplift's pages (charging team leaders): start an uplift for the date the new rates take
effect, watch the workers work out the preview, read the report of old and new incomes and charges
(for everyone, and person by person), then commit it (a large one is confirmed by a second team
leader).

Thin views over :mod:`charging.uplift.services`; the work itself is done by Celery workers, so the pages show
progress and refresh themselves while a run is under way. Who may do what is in ``charging.rules``:
``charging.view_uplift`` to read, ``charging.run_uplift`` to start and commit,
``charging.confirm_uplift`` to confirm another team leader's commit.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charging.uplift import services as uplift
from charging.uplift.choices import UpliftStatus
from charging.uplift.forms import UpliftStartForm
from charging.uplift.models import UpliftItem, UpliftRun
from charging.rates.codes import rate_name
from charging.rates.selectors import next_april_gaps
from charging.uplift.uprating import TO_CHECK
from charging.assessments.views import working_rows
from core.exceptions import ApplicationError, PermissionDeniedError
from core.pagination import page_of
from core.rules import can, rule_required
from people.selectors import today
from people.views import show_service_errors

RUNNING = {UpliftStatus.PREVIEWING, UpliftStatus.COMMITTING}
METHOD_LABELS = {
    "rate": "New year's rate",
    "full_rate_percentage": "Full rate's rise",
    "cpi": "Prices (CPI)",
    "stated_percentage": "Percentage given",
    "carried_over": "Carried over",
    TO_CHECK: "To check",
}


def income_rows(item: UpliftItem) -> list[dict]:
    """The item's income lines, old and new, for the pages."""
    rows = []
    for line in item.income_lines or []:
        old, new = Decimal(line["old"]), Decimal(line["new"])
        rows.append({**line, "old": old, "new": new, "change": new - old,
                     "rates": [{"code": code, "name": rate_name(code)} for code in line.get("rate_codes", ())],
                     "method_label": METHOD_LABELS.get(line["method"], line["method"]),
                     "to_check": line["method"] == TO_CHECK})
    return rows


@require_http_methods(["GET", "POST"])
@rule_required("charging.view_uplift", write="charging.run_uplift")
def uplift_list(request):
    form = UpliftStartForm(request.POST or None) if can(request.user, "charging.run_uplift") else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = uplift.uplift_start(acting_user=request.user, uplift_date=data["uplift_date"],
                                      other_income_percent=data.get("other_income_percent"),
                                      other_income_basis=data.get("other_income_basis") or "")
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from None
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"Uplift started: {run.total} live assessments are being worked out "
                                      "with the new rates")
            return redirect("charging:uplift-detail", pk=run.pk)
    return render(request, "charging/uplift_list.html", {"form": form, "runs": uplift.uplift_runs(),
                                                          "april_gaps": next_april_gaps(today())})


@require_safe
@rule_required("charging.view_uplift")
def uplift_detail(request, pk):
    run = get_object_or_404(UpliftRun.objects.select_related("started_by", "committed_by", "commit_requested_by"),
                            pk=pk)
    progress = uplift.uplift_progress(run)
    show_report = run.status != UpliftStatus.PREVIEWING
    page = page_of(request, uplift.uplift_preview_rows(run), 100) if show_report else None
    if page is not None:
        for item in page:
            item.income = income_rows(item)
    user = request.user
    awaiting = run.status == UpliftStatus.AWAITING_SECOND
    return render(request, "charging/uplift_detail.html", {
        "run": run, "progress": progress, "running": run.status in RUNNING, "page": page,
        "totals": uplift.uplift_preview_totals(run) if show_report else None,
        "can_commit": can(user, "charging.run_uplift") and run.status in (UpliftStatus.PREVIEWED,
                                                                          UpliftStatus.COMMITTING),
        "can_confirm": awaiting and can(user, "charging.confirm_uplift", run),
        "awaiting": awaiting,
        "people_to_commit": uplift.people_to_commit(run) if run.status == UpliftStatus.PREVIEWED else None,
        "second_approval_above": uplift.second_approval_above(),
        "second_approval_text": (f"This uplift gives new assessments to more than {uplift.second_approval_above()} "
                                 "people, so another charging team leader must confirm it before anything changes."),
    })


@require_safe
@rule_required("charging.view_uplift")
def uplift_item(request, pk, item_pk):
    """One person in an uplift: their income line by line, now and from the uplift date, how each new
    amount was reached, the charge now and new, and the new working."""
    item = (UpliftItem.objects.select_related("run", "client", "previous", "new_assessment", "check_task")
            .filter(run_id=pk, pk=item_pk).first())
    if item is None:
        raise Http404("No such person in this uplift")
    return render(request, "charging/uplift_item.html", {
        "run": item.run, "item": item, "client": item.client, "income": income_rows(item),
        "working": working_rows(item.new_result) if item.new_result else None,
    })


@require_POST
@rule_required("charging.view_uplift", write="charging.run_uplift")
def uplift_commit(request, pk):
    """Commit (or ask to commit, or confirm another team leader's commit of) the uplift."""
    run = get_object_or_404(UpliftRun, pk=pk)
    was = run.status
    try:
        run = uplift.uplift_commit(acting_user=request.user, run=run)
    except PermissionDeniedError as exc:
        if exc.code == "not_permitted" and was == UpliftStatus.AWAITING_SECOND:
            messages.error(request, exc.message)  # the leader who asked cannot confirm: say so on the page
        else:
            raise PermissionDenied(exc.message) from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if run.status == UpliftStatus.AWAITING_SECOND:
            messages.success(request, "Commit asked for: another charging team leader must confirm it before the "
                                      "new assessments are made")
        else:
            messages.success(request, "Committing the uplift: new assessments and letters are being made")
    return redirect("charging:uplift-detail", pk=run.pk)
