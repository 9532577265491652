"""Direct debit pages: a debtor's direct debit (mandates and collections), setting one up and cancelling
it, and the collection runs with their Bacs files. Thin: a form, one service, a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from debt_recovery.accounts.selectors import access_debtor_account
from debt_recovery.directdebits import selectors, services
from debt_recovery.directdebits.forms import MandateCancelForm, MandateForm
from people.views import _posted, show_service_errors


def debtor_in_url(request, pk, **kwargs):
    return access_debtor_account(user=request.user, pk=pk)


def mandate_debtor_in_url(request, pk, **kwargs):
    return selectors.access_mandate(user=request.user, pk=pk).debtor


def _debtor_dd_url(debtor) -> str:
    return reverse("debt_recovery:debtor-direct-debit", args=[debtor.pk])


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=debtor_in_url)
def debtor_direct_debit(request, pk):
    debtor = request.rule_object
    mandates = list(selectors.debtor_mandates(debtor=debtor))
    return render(request, "debt_recovery/directdebits/debtor_direct_debit.html", {
        "debtor": debtor, "client": debtor.client, "mandates": mandates,
        "in_force": next((m for m in mandates if m.status in services.IN_FORCE), None),
        "collections": selectors.debtor_collections(debtor=debtor)[:50],
        "can_work": can(request.user, "debt_recovery.work_client", debtor)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def mandate_new(request, pk):
    debtor = request.rule_object
    form = MandateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_create(acting_user=request.user, debtor=debtor, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Direct debit set up. The confirmation letter with the Direct Debit Guarantee "
                                      "is being prepared; the instruction goes to the bank in the next AUDDIS file.")
            return redirect(_debtor_dd_url(debtor))
    return render(request, "debt_recovery/directdebits/form.html", {
        "form": form, "debtor": debtor, "client": debtor.client, "heading": "Set up a direct debit",
        "button": "Set up direct debit", "back_url": _debtor_dd_url(debtor)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=mandate_debtor_in_url)
def mandate_cancel(request, pk):
    mandate = selectors.access_mandate(user=request.user, pk=pk)
    form = MandateCancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_cancel(acting_user=request.user, mandate=mandate, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Direct debit cancelled. No further collections will be made.")
            return redirect(_debtor_dd_url(mandate.debtor))
    return render(request, "debt_recovery/directdebits/form.html", {
        "form": form, "debtor": mandate.debtor, "client": mandate.debtor.client, "mandate": mandate,
        "heading": f"Cancel direct debit {mandate.reference}", "button": "Cancel direct debit",
        "back_url": _debtor_dd_url(mandate.debtor)})


@require_safe
@rule_required("debt_recovery.view_direct_debits")
def runs(request):
    return render(request, "debt_recovery/directdebits/runs.html", {
        "runs": selectors.collection_runs()[:60],
        "awaiting": selectors.awaiting_lodgement(user=request.user).select_related("debtor")[:200]})


@require_safe
@rule_required("debt_recovery.view_direct_debits")
def bacs_file_download(request, pk):
    bacs_file = selectors.access_bacs_file(pk=pk)
    response = HttpResponse(bacs_file.content.encode("ascii"), content_type="text/plain; charset=us-ascii")
    response["Content-Disposition"] = (f'attachment; filename="{bacs_file.kind}-{bacs_file.processing_date:%Y%m%d}'
                                       f'-{bacs_file.serial}.txt"')
    return response


@require_safe
@rule_required("debt_recovery.view_direct_debits")
def run_detail(request, pk):
    from django.http import Http404

    run = selectors.collection_runs().filter(pk=pk).first()
    if run is None:
        raise Http404("No run found")
    return render(request, "debt_recovery/directdebits/run.html", {
        "run": run, "files": run.files.all(),
        "collections": run.collections.select_related("mandate", "mandate__debtor").order_by("due_on", "pk")})
