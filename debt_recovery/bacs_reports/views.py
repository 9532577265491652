"""Pages of Bacs report import: upload a report, see what it will do, confirm; each report's results;
the list of reports; the monthly reconciliation. Thin: a form, one service, a redirect or a render."""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.pagination import page_of
from core.rules import rule_required
from debt_recovery.bacs_reports import selectors, services
from debt_recovery.bacs_reports.forms import ReconciliationMonthForm, ReportConfirmForm, ReportUploadForm
from people.selectors import today


@require_safe
@rule_required("debt_recovery.view_bacs_reports")
def report_list(request):
    return render(request, "debt_recovery/bacs_reports/list.html",
                  {"page": page_of(request, selectors.bacs_reports(), 50)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.import_bacs_reports")
def report_upload(request):
    """Upload: the report is read and checked whole, and what it will do is shown; nothing is written."""
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            plan = services.report_plan(acting_user=request.user, content=content)
        except services.ReportRefused as exc:
            for problem in exc.problems:
                form.add_error("file", problem)
        else:
            return render(request, "debt_recovery/bacs_reports/preview.html", {
                "plan": plan, "confirm": ReportConfirmForm(initial={
                    "content": base64.b64encode(content).decode(), "filename": upload.name})})
    return render(request, "debt_recovery/bacs_reports/upload.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["POST"])
@rule_required("debt_recovery.import_bacs_reports")
def report_confirm(request):
    form = ReportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The report could not be read back: upload it again.")
        return redirect("debt_recovery:bacs-report-upload")
    try:
        report, created = services.bacs_report_import(acting_user=request.user, content=form.cleaned_data["content"],
                                                      filename=form.cleaned_data["filename"])
    except services.ReportRefused as exc:
        upload = ReportUploadForm()
        for problem in exc.problems:
            upload.add_error(None, problem)
        return render(request, "debt_recovery/bacs_reports/upload.html", {"form": upload}, status=400)
    if created:
        messages.success(request, f"{report.get_kind_display()} imported.")
    else:
        messages.info(request, "This report was imported before: nothing has changed.")
    return redirect("debt_recovery:bacs-report", pk=report.pk)


@require_safe
@rule_required("debt_recovery.view_bacs_reports")
def report_detail(request, pk):
    report = selectors.access_bacs_report(pk=pk)
    return render(request, "debt_recovery/bacs_reports/detail.html",
                  {"report": report, "items": selectors.report_items(report)})


@require_safe
@rule_required("debt_recovery.view_bacs_reports")
def reconciliation(request):
    form = ReconciliationMonthForm(request.GET or None)
    month = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if form.is_valid() and form.cleaned_data.get("month"):
        month = dt.date.fromisoformat(form.cleaned_data["month"] + "-01")
    status = 400 if form.errors else 200
    return render(request, "debt_recovery/bacs_reports/reconciliation.html",
                  {"form": form, "rec": selectors.reconciliation(month, on=today()), "month": month}, status=status)
