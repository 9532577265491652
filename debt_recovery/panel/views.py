"""Debt panel pages: prepare a case from a debtor's page, the cases waiting and decided, one case with
the panel's decision, and its case pack as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from debt_recovery.accounts.views import debtor_in_url
from debt_recovery.panel import selectors, services
from debt_recovery.panel.forms import DecisionForm, PrepareForm
from people.views import show_service_errors


def case_in_url(request, pk, **kwargs):
    return selectors.access_panel_case(user=request.user, pk=pk)


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def panel_case_prepare(request, pk):
    debtor = request.rule_object
    form = PrepareForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.panel_case_prepare(acting_user=request.user, debtor=debtor, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Case put to the debt panel. The debt is held off the recovery ladder meanwhile.")
            return redirect("debt_recovery:panel-case", pk=case.pk)
    return render(request, "debt_recovery/panel/prepare.html", {"form": form, "debtor": debtor,
                                                                 "client": debtor.client})


@require_safe
@rule_required("debt_recovery.view_recovery")
def panel_cases(request):
    cases = selectors.panel_cases_visible_to(user=request.user)
    return render(request, "debt_recovery/panel/cases.html", {
        "waiting": cases.filter(status="prepared"), "decided": cases.filter(status="decided")[:100]})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.view_client_debts", write="debt_recovery.record_panel_decision", obj=case_in_url)
def panel_case(request, pk):
    case = request.rule_object
    form = DecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.panel_decision_record(acting_user=request.user, case=case, decision=data["decision"],
                                           decision_note=data["decision_note"], meeting_on=data["meeting_on"],
                                           actions=data["actions"])
        except ApplicationError as exc:
            show_service_errors(form, exc, {"actions": "action_1"})
        else:
            messages.success(request, "The panel's decision is recorded and its actions given as tasks.")
            return redirect("debt_recovery:panel-case", pk=case.pk)
    context = selectors.case_pack(case)
    context.update(form=form, may_decide=case.status == "prepared"
                   and can(request.user, "debt_recovery.record_panel_decision", case))
    return render(request, "debt_recovery/panel/case.html", context)


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=case_in_url)
def panel_case_pdf(request, pk):
    """The case pack as a PDF (WeasyPrint), made when asked for from the record as it stands."""
    from documents.pdf import render_pdf

    case = request.rule_object
    pdf = render_pdf(template_name="debt_recovery/panel/case_pack_pdf.html", context=selectors.case_pack(case))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="debt-panel-{case.debtor.reference}-{case.pk}.pdf"'
    return response
