"""Write-off pages: recommend one from a debtor's page, the list of those waiting for approval, one
write-off with its decision, reinstating, the bulk write-off of small balances, and the authority
bands and delegations an administrator keeps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import can, rule_required
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.accounts.views import debtor_in_url
from debt_recovery.writeoffs import selectors, services
from debt_recovery.writeoffs.choices import AuthorityLevel, WriteOffStatus
from debt_recovery.writeoffs.forms import (
    BandForm,
    BulkForm,
    DecisionNoteForm,
    DelegationForm,
    RecommendForm,
    ReinstateForm,
    RejectForm,
    RemoveBandForm,
)
from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority
from people.views import show_service_errors


def writeoff_in_url(request, pk, **kwargs):
    return selectors.access_writeoff(user=request.user, pk=pk)


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def writeoff_recommend(request, pk):
    debtor = request.rule_object
    owed = aged_balances(ledger_account_ids=[debtor.ledger_account_id])[debtor.ledger_account_id].owed
    form = RecommendForm(_posted(request), initial={"amount": owed})
    if request.method == "POST" and form.is_valid():
        try:
            writeoff = services.writeoff_recommend(acting_user=request.user, debtor=debtor, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Write-off recommended. Someone else with the authority for the amount must "
                                      "approve it.")
            return redirect("debt_recovery:writeoff-detail", pk=writeoff.pk)
    return render(request, "debt_recovery/writeoffs/recommend.html", {
        "form": form, "debtor": debtor, "client": debtor.client, "owed": owed})


@require_safe
@rule_required("debt_recovery.view_writeoffs")
def writeoff_list(request):
    waiting = list(selectors.writeoffs_awaiting(user=request.user))
    for writeoff in waiting:
        writeoff.may_approve = services.may_authorise(request.user, writeoff.level_required)
    visible = selectors.writeoffs_visible_to(user=request.user)
    return render(request, "debt_recovery/writeoffs/list.html", {
        "waiting": waiting,
        "mine": visible.filter(status=WriteOffStatus.RECOMMENDED, recommended_by=request.user),
        "money_since": selectors.written_off_with_money_since(user=request.user),
        "decided": visible.exclude(status=WriteOffStatus.RECOMMENDED)[:50],
        "authority": services.authority_of(request.user),
        "authority_label": AuthorityLevel(services.authority_of(request.user) or AuthorityLevel.OFFICER).label,
        "bands": selectors.authority_bands()})


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=writeoff_in_url)
def writeoff_detail(request, pk):
    writeoff = request.rule_object
    user = request.user
    waiting = writeoff.status == WriteOffStatus.RECOMMENDED
    return render(request, "debt_recovery/writeoffs/detail.html", {
        "writeoff": writeoff, "debtor": writeoff.debtor, "client": writeoff.debtor.client,
        "own": writeoff.recommended_by_id == user.pk,
        "can_decide": waiting and can(user, "debt_recovery.decide_writeoff", writeoff),
        "has_authority": services.may_authorise(user, writeoff.level_required),
        "level": AuthorityLevel(writeoff.level_required).label,
        "can_reinstate": writeoff.status == WriteOffStatus.APPROVED and can(user, "debt_recovery.work_client", writeoff),
        "approve_form": DecisionNoteForm(), "reject_form": RejectForm()})


def _decide(request, action, done: str):
    writeoff = request.rule_object
    try:
        action(writeoff)
    except PermissionDeniedError as exc:
        if exc.code != "no_authority":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("debt_recovery:writeoff-detail", pk=writeoff.pk)


@require_POST
@rule_required("debt_recovery.decide_writeoff", obj=writeoff_in_url)
def writeoff_approve(request, pk):
    form = DecisionNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _decide(request, lambda w: services.writeoff_approve(acting_user=request.user, writeoff=w, note=note),
                   "Write-off approved and posted to the ledger.")


@require_POST
@rule_required("debt_recovery.decide_writeoff", obj=writeoff_in_url)
def writeoff_reject(request, pk):
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the write-off is not approved.")
        return redirect("debt_recovery:writeoff-detail", pk=pk)
    return _decide(request, lambda w: services.writeoff_reject(acting_user=request.user, writeoff=w,
                                                               note=form.cleaned_data["note"]),
                   "Write-off not approved: the debt is still owed.")


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=writeoff_in_url)
def writeoff_reinstate(request, pk):
    writeoff = request.rule_object
    form = ReinstateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.writeoff_reinstate(acting_user=request.user, writeoff=writeoff, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Debt reinstated: the write-off has been reversed in the ledger.")
            return redirect("debt_recovery:writeoff-detail", pk=writeoff.pk)
    return render(request, "debt_recovery/writeoffs/reinstate.html", {
        "form": form, "writeoff": writeoff, "client": writeoff.debtor.client})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_any")
def writeoff_bulk(request):
    """GET ``?threshold=``: the balances that would be written off. POST: recommend them all, one batch."""
    form = BulkForm(request.POST if request.method == "POST" else (request.GET or None))
    candidates = []
    if form.is_bound and form.is_valid():
        if request.method == "POST":
            try:
                batch, made = services.writeoffs_bulk_recommend(acting_user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                show_service_errors(form, exc)
            else:
                messages.success(request, f"{len(made)} small balances recommended for write-off (batch {batch}). "
                                          "Someone else must approve them.")
                return redirect("debt_recovery:writeoffs")
        candidates = services.small_balance_candidates(acting_user=request.user,
                                                       threshold=form.cleaned_data["threshold"])
    return render(request, "debt_recovery/writeoffs/bulk.html", {
        "form": form, "candidates": candidates, "total": sum(owed for _d, owed in candidates)})


@require_POST
@rule_required("debt_recovery.work_any")
def writeoff_batch_approve(request):
    try:
        approved = services.writeoffs_batch_approve(acting_user=request.user, batch=request.POST.get("batch", ""))
    except PermissionDeniedError as exc:
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{len(approved)} write-offs approved and posted to the ledger.")
    return redirect("debt_recovery:writeoffs")


@require_safe
@rule_required("debt_recovery.view_writeoffs")
def authority(request):
    return render(request, "debt_recovery/writeoffs/authority.html", {
        "bands": selectors.authority_bands(), "delegations": selectors.delegations_current(),
        "may_edit": can(request.user, "debt_recovery.administer_writeoffs")})


def _band(pk):
    band = AuthorityBand.objects.filter(pk=pk).first() if pk else None
    if pk and band is None:
        raise Http404("No such band")
    return band


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.administer_writeoffs")
def authority_band_edit(request, pk=None):
    band = _band(pk)
    initial = {"up_to": band.up_to, "level": band.level, "source": band.source} if band else {}
    form = BandForm(_posted(request), initial=initial)
    remove = RemoveBandForm(request.POST if request.POST.get("remove") else None)
    if request.method == "POST" and band is not None and request.POST.get("remove"):
        if remove.is_valid():
            try:
                services.authority_band_remove(acting_user=request.user, band=band, reason=remove.cleaned_data["reason"])
            except ApplicationError as exc:
                show_service_errors(remove, exc)
            else:
                messages.success(request, "Band removed")
                return redirect("debt_recovery:writeoff-authority")
    elif request.method == "POST" and form.is_valid():
        try:
            services.authority_band_save(acting_user=request.user, band=band, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Authority band saved")
            return redirect("debt_recovery:writeoff-authority")
    history = band.history.select_related("history_user").order_by("-history_date")[:20] if band else []
    return render(request, "debt_recovery/writeoffs/band_form.html", {
        "form": form, "remove": remove, "band": band, "history": history})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.administer_writeoffs")
def delegation_add(request):
    form = DelegationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.delegated_authority_grant(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Delegation recorded")
            return redirect("debt_recovery:writeoff-authority")
    return render(request, "debt_recovery/writeoffs/delegation_form.html", {"form": form})


@require_POST
@rule_required("debt_recovery.administer_writeoffs")
def delegation_end(request, pk):
    grant = DelegatedAuthority.objects.filter(pk=pk).first()
    if grant is None:
        raise Http404("No such delegation")
    services.delegated_authority_end(acting_user=request.user, grant=grant,
                                     reason=request.POST.get("reason") or "Delegation ended by an administrator")
    messages.success(request, "Delegation ended")
    return redirect("debt_recovery:writeoff-authority")
