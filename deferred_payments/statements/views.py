"""Statement pages: one statement with its figures, recording a request, issuing it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import rule_required
from deferred_payments.accrual.views import agreement_in_url
from deferred_payments.statements import selectors, services
from deferred_payments.statements.forms import StatementRequestForm
from people.views import show_service_errors


def statement_in_url(request, pk, **kwargs):
    return selectors.access_statement(user=request.user, pk=pk)


def request_in_url(request, pk, **kwargs):
    return selectors.access_request(user=request.user, pk=pk)


@require_safe
@rule_required("deferred_payments.view_client", obj=statement_in_url)
def statement(request, pk):
    statement = request.rule_object
    return render(request, "deferred_payments/statements/detail.html", {
        "statement": statement, "agreement": statement.agreement, "client": statement.agreement.client,
        "f": statement.figures})


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.work_client", obj=lambda request, pk: agreement_in_url(request, pk).client)
def statement_request(request, pk):
    agreement = agreement_in_url(request, pk)
    form = StatementRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_request(acting_user=request.user, agreement=agreement, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Request recorded: a task to send the statement within 28 days is on your list")
            return redirect("deferred_payments:agreement-money", pk=agreement.pk)
    return render(request, "deferred_payments/statements/request.html", {
        "form": form, "agreement": agreement, "client": agreement.client})


@require_POST
@rule_required("deferred_payments.work_client", obj=lambda request, pk: request_in_url(request, pk).agreement.client)
def statement_issue(request, pk):
    statement_request = request_in_url(request, pk)
    try:
        made = services.statement_issue(acting_user=request.user, request=statement_request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("deferred_payments:agreement-money", pk=statement_request.agreement_id)
    messages.success(request, "Statement issued; its letter is being prepared")
    return redirect("deferred_payments:statement", pk=made.pk)
