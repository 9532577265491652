"""The April uplift's pages (team leaders): start an uplift for the date the new rates take effect,
watch the workers work out the preview, read the report of old and new charges, then commit it.

Thin views over :mod:`charging.uplift`; the work itself is done by Celery workers, so the pages show
progress and refresh themselves while a run is under way.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charging import uplift
from charging.choices import UpliftStatus
from charging.forms import UpliftStartForm
from charging.models import UpliftRun
from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import can, rule_required
from people.views import show_service_errors

RUNNING = {UpliftStatus.PREVIEWING, UpliftStatus.COMMITTING}


def _may_run(user) -> bool:
    return can(user, "charging.run_uplift")


@require_http_methods(["GET", "POST"])
@rule_required("charging.view_uplift", write="charging.run_uplift")
def uplift_list(request):
    form = UpliftStartForm(request.POST or None) if _may_run(request.user) else None
    if request.method == "POST":
        if form.is_valid():
            try:
                run = uplift.uplift_start(acting_user=request.user, uplift_date=form.cleaned_data["uplift_date"])
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from None
            except ApplicationError as exc:
                show_service_errors(form, exc)
            else:
                messages.success(request, f"Uplift started: {run.total} live assessments are being worked out "
                                          "with the new rates")
                return redirect("charging:uplift-detail", pk=run.pk)
    return render(request, "charging/uplift_list.html", {"form": form, "runs": uplift.uplift_runs()})


@require_safe
@rule_required("charging.view_uplift")
def uplift_detail(request, pk):
    run = get_object_or_404(UpliftRun.objects.select_related("started_by", "committed_by"), pk=pk)
    progress = uplift.uplift_progress(run)
    show_report = run.status != UpliftStatus.PREVIEWING
    page = Paginator(uplift.uplift_preview_rows(run), 100).get_page(request.GET.get("page")) if show_report else None
    return render(request, "charging/uplift_detail.html", {
        "run": run, "progress": progress, "running": run.status in RUNNING, "page": page,
        "totals": uplift.uplift_preview_totals(run) if show_report else None,
        "can_commit": _may_run(request.user) and run.status in (UpliftStatus.PREVIEWED, UpliftStatus.COMMITTING),
    })


@require_POST
@rule_required("charging.run_uplift")
def uplift_commit(request, pk):
    run = get_object_or_404(UpliftRun, pk=pk)
    try:
        run = uplift.uplift_commit(acting_user=request.user, run=run)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Committing the uplift: new assessments and letters are being made")
    return redirect("charging:uplift-detail", pk=run.pk)
