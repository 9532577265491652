"""Court return pages: the returns due and overdue; one report's page (its figures, the draft's entries,
the difference explained, marked ready, rendered, recorded as submitted)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.returns import selectors, services
from deputyship.returns.choices import ReturnStatus
from deputyship.returns.forms import DifferenceForm, EntryForm, SubmittedForm
from people.selectors import today
from people.views import show_service_errors


def return_in_url(request, pk, **kwargs):
    return selectors.access_return(user=request.user, pk=pk)


@require_safe
@rule_required("deputyship.view_any")
def returns(request):
    user = request.user
    return render(request, "deputyship/returns/list.html", {
        "overdue": selectors.returns_overdue(user=user),
        "due_soon": selectors.returns_due_soon(user=user, within_days=56),
        "submitted": selectors.returns_visible_to(user=user).filter(status=ReturnStatus.SUBMITTED)
        .order_by("-submitted_on")[:50],
        "today": today()})


def _page(request, court_return, **forms):
    figures = selectors.return_figures(court_return)
    editable = court_return.status != ReturnStatus.SUBMITTED and can(request.user, "deputyship.work_client",
                                                                      court_return.client)
    return render(request, "deputyship/returns/detail.html", {
        "court_return": court_return, "client": court_return.client, "figures": figures,
        "entries": selectors.entries_by_kind(court_return), "editable": editable,
        "entry_form": forms.get("entry_form") or EntryForm(),
        "difference_form": (forms.get("difference_form")
                            or DifferenceForm(initial={"note": court_return.difference_note})),
        "submitted_form": forms.get("submitted_form") or SubmittedForm(initial={"submitted_on": today()}),
        "document": court_return.document})


@require_safe
@rule_required("deputyship.view_client", obj=return_in_url)
def return_detail(request, pk):
    return _page(request, request.rule_object)


@require_POST
@rule_required("deputyship.work_client", obj=return_in_url)
def return_entry_add(request, pk):
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            services.report_entry_add(acting_user=request.user, court_return=request.rule_object, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Added to the report")
            return redirect("deputyship:return-detail", pk=pk)
    return _page(request, request.rule_object, entry_form=form)


@require_POST
@rule_required("deputyship.work_client", obj=return_in_url)
def return_difference(request, pk):
    form = DifferenceForm(request.POST)
    if form.is_valid():
        try:
            services.return_difference_explain(acting_user=request.user, court_return=request.rule_object,
                                               note=form.cleaned_data["note"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Explanation saved")
            return redirect("deputyship:return-detail", pk=pk)
    return _page(request, request.rule_object, difference_form=form)


@require_POST
@rule_required("deputyship.work_client", obj=return_in_url)
def return_ready(request, pk):
    try:
        services.return_mark_ready(acting_user=request.user, court_return=request.rule_object)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Report marked ready to send")
    return redirect("deputyship:return-detail", pk=pk)


@require_POST
@rule_required("deputyship.work_client", obj=return_in_url)
def return_render(request, pk):
    try:
        services.return_render(acting_user=request.user, court_return=request.rule_object,
                               request_key=request.POST.get("request_key") or None)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The report's PDF is being made; it will be listed under Letters.")
    return redirect("deputyship:return-detail", pk=pk)


@require_POST
@rule_required("deputyship.work_client", obj=return_in_url)
def return_submitted(request, pk):
    form = SubmittedForm(request.POST)
    if form.is_valid():
        try:
            services.return_mark_submitted(acting_user=request.user, court_return=request.rule_object,
                                           submitted_on=form.cleaned_data["submitted_on"],
                                           reference=form.cleaned_data["reference"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Recorded as submitted to the OPG")
            return redirect("deputyship:return-detail", pk=pk)
    return _page(request, request.rule_object, submitted_form=form)
