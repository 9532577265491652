"""Payment run pages: the list (and building a run), a run with its check results, approval by a second
person, the two files, and recording a line the bank rejected. Thin: a form, one service, a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.payruns import selectors, services
from deputyship.payruns.choices import RunStatus
from deputyship.payruns.forms import LineRejectForm, LineRemoveForm, RunBuildForm
from deputyship.schedule.choices import RequestStatus
from deputyship.schedule.models import PaymentRequest
from people.selectors import clients_visible_to
from people.views import _posted, show_service_errors


def line_client_in_url(request, pk, **kwargs):
    return selectors.access_run_line(user=request.user, pk=pk).client


def _run_url(run) -> str:
    return reverse("deputyship:payment-run", args=[run.pk])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.view_any", write="deputyship.work_any")
def runs(request):
    form = RunBuildForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                run = services.payment_run_build(acting_user=request.user, pay_on=form.cleaned_data["pay_on"])
            except ApplicationError as exc:
                show_service_errors(form, exc)
            else:
                messages.success(request, "Payment run prepared and checked." if run.status == RunStatus.CHECKED
                                 else "Payment run prepared: the check found problems to resolve.")
                return redirect(_run_url(run))
    waiting = PaymentRequest.objects.filter(status=RequestStatus.APPROVED,
                                            client__in=clients_visible_to(user=request.user))
    return render(request, "deputyship/payruns/runs.html", {
        "runs": selectors.payment_runs()[:100], "form": form, "waiting_count": waiting.count(),
        "may_build": can(request.user, "deputyship.work_any")})


@require_safe
@rule_required("deputyship.view_any")
def run_detail(request, pk):
    run = selectors.access_payment_run(pk=pk)
    lines = list(selectors.run_lines(run=run))
    visible = set(clients_visible_to(user=request.user).filter(pk__in={line.client_id for line in lines})
                  .values_list("pk", flat=True))
    return render(request, "deputyship/payruns/run.html", {
        "run": run, "lines": lines, "visible": visible,
        "problem_count": sum(1 for line in lines if line.problems and line.status == "included"),
        "may_work": can(request.user, "deputyship.work_any"),
        "may_approve": can(request.user, "deputyship.work_any") and run.prepared_by_id != request.user.pk})


def _act(request, pk, action, success):
    run = selectors.access_payment_run(pk=pk)
    try:
        action(acting_user=request.user, run=run)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(_run_url(run))


@require_POST
@rule_required("deputyship.work_any")
def run_check(request, pk):
    return _act(request, pk, services.payment_run_check, "Payment run checked again.")


@require_POST
@rule_required("deputyship.work_any")
def run_approve(request, pk):
    return _act(request, pk, services.payment_run_approve,
                "Payment run approved: the files are ready to download and the payments are posted to the "
                "clients' accounts.")


def _file(run, content: str, kind: str, extension: str, content_type: str):
    if run.status != RunStatus.APPROVED:
        from django.http import Http404

        raise Http404("The files are written when the run is approved")
    response = HttpResponse(content.encode("ascii" if extension == "txt" else "utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{run.reference}-{kind}-{run.pay_on:%Y%m%d}.{extension}"'
    return response


@require_safe
@rule_required("deputyship.view_any")
def run_bacs_file(request, pk):
    run = selectors.access_payment_run(pk=pk)
    return _file(run, run.bacs_file, "bacs-standard18", "txt", "text/plain; charset=us-ascii")


@require_safe
@rule_required("deputyship.view_any")
def run_csv_file(request, pk):
    run = selectors.access_payment_run(pk=pk)
    return _file(run, run.csv_file, run.csv_layout, "csv", "text/csv; charset=utf-8")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=line_client_in_url)
def line_remove(request, pk):
    line = selectors.access_run_line(user=request.user, pk=pk)
    form = LineRemoveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_run_line_remove(acting_user=request.user, line=line, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment taken out of the run; it waits for the next one.")
            return redirect(_run_url(line.run))
    return render(request, "deputyship/payruns/line_form.html", {
        "form": form, "line": line, "heading": "Take a payment out of the run", "button": "Take it out"})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=line_client_in_url)
def line_reject(request, pk):
    line = selectors.access_run_line(user=request.user, pk=pk)
    form = LineRejectForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_run_line_reject(acting_user=request.user, line=line, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Rejection recorded: the payment is reversed in the client's account.")
            return redirect(_run_url(line.run))
    return render(request, "deputyship/payruns/line_form.html", {
        "form": form, "line": line, "heading": "Record a payment the bank rejected", "button": "Record rejection"})
