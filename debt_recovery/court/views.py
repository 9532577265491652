"""County court and estates pages: prepare a claim pack from a debtor's page, the claim with its
judgment and enforcement, the claim pack as a PDF, the list of claims and debts nearing their limitation
date, and a deceased debtor's estate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from debt_recovery.accounts.views import debtor_in_url
from debt_recovery.court import selectors, services
from debt_recovery.court.choices import OPEN_STATUSES
from debt_recovery.court.forms import (
    ClaimForm,
    CloseForm,
    EnforcementForm,
    EstateOpenForm,
    EstateUpdateForm,
    IssueForm,
    JudgmentForm,
)
from debt_recovery.court.rules_of_court import MCOL_PARTICULARS_MAX
from debt_recovery.packs import chronology, statement_of_account
from documents.letters import letterhead
from people.selectors import today
from people.views import show_service_errors


def claim_in_url(request, pk, **kwargs):
    return selectors.access_claim(user=request.user, pk=pk)


def estate_in_url(request, pk, **kwargs):
    return selectors.access_estate(user=request.user, pk=pk)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _particulars(debtor, amount) -> str:
    return (f"The Claimant is the local authority that arranged care and support for {debtor.client.full_name} "
            f"under the Care Act 2014. The Defendant owes £{amount:,} in charges for that care, invoiced every four "
            f"weeks to account {debtor.reference} and unpaid despite reminders and a letter before claim. The sum is "
            "recoverable as a debt under section 69 of the Care Act 2014; no part of it fell due more than six years "
            "ago. The Claimant claims £" f"{amount:,} and costs.")


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def claim_prepare(request, pk):
    debtor = request.rule_object
    on = today()
    amount, barred = services.claimable(debtor, on=on)
    letter = services.latest_letter_before_claim(debtor)
    form = ClaimForm(_posted(request), initial={"defendant_1": debtor.name, "particulars": _particulars(debtor, amount)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.court_claim_prepare(
                acting_user=request.user, debtor=debtor, defendants=[data["defendant_1"], data["defendant_2"]],
                particulars=data["particulars"], deferred_payment_answer=data["deferred_payment_answer"],
                deferred_payment_note=data["deferred_payment_note"], letter_sent_on=data["letter_sent_on"],
                reply_received_on=data["reply_received_on"], reply_summary=data["reply_summary"])
        except ApplicationError as exc:
            show_service_errors(form, exc, {"defendants": "defendant_1"})
        else:
            messages.success(request, "Claim pack prepared")
            return redirect("debt_recovery:claim-detail", pk=claim.pk)
    return render(request, "debt_recovery/court/claim_form.html", {
        "form": form, "debtor": debtor, "client": debtor.client, "amount": amount, "barred": barred,
        "letter": letter, "limit": MCOL_PARTICULARS_MAX})


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=claim_in_url)
def claim_detail(request, pk):
    claim = request.rule_object
    status = claim.status
    return render(request, "debt_recovery/court/claim_detail.html", {
        "claim": claim, "debtor": claim.debtor, "client": claim.debtor.client,
        "may_work": can(request.user, "debt_recovery.work_client", claim),
        "issue_form": IssueForm() if status == "prepared" else None,
        "judgment_form": JudgmentForm(initial={"amount": claim.amount}) if status == "issued" else None,
        "enforcement_form": EnforcementForm() if status in ("judgment", "enforcement") else None,
        "close_form": CloseForm() if status in OPEN_STATUSES else None,
        "fees": selectors.fees_for(claim), "enforcements": claim.enforcements.all()})


_EVENTS = {
    "issue": (IssueForm, lambda user, claim, d: services.court_claim_issue(acting_user=user, claim=claim, **d),
              "Claim issued"),
    "judgment": (JudgmentForm, lambda user, claim, d: services.court_claim_judgment(acting_user=user, claim=claim, **d),
                 "Judgment recorded"),
    "enforcement": (EnforcementForm, lambda user, claim, d: services.enforcement_record(acting_user=user, claim=claim,
                                                                                        **d), "Enforcement recorded"),
    "close": (CloseForm, lambda user, claim, d: services.court_claim_close(acting_user=user, claim=claim, **d),
              "Claim closed"),
}


@require_POST
@rule_required("debt_recovery.work_client", obj=claim_in_url)
def claim_event(request, pk, event):
    claim = request.rule_object
    if event not in _EVENTS:
        return redirect("debt_recovery:claim-detail", pk=pk)
    form_class, act, done = _EVENTS[event]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(request.user, claim, form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message + " " + " ".join(
                str(e) for errors in (exc.extra or {}).values() for e in (errors if isinstance(errors, list) else [errors])))
        else:
            messages.success(request, done)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("debt_recovery:claim-detail", pk=pk)


def pack_context(claim) -> dict:
    on = today()
    return {"claim": claim, "debtor": claim.debtor, "client": claim.debtor.client, "on": on,
            "statement": statement_of_account(claim.debtor, on=on), "chronology": chronology(claim.debtor, on=on),
            "letterhead": letterhead(), "letter": claim.letter_before_claim, "fees": selectors.fees_for(claim)}


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=claim_in_url)
def claim_pack_pdf(request, pk):
    """The claim pack as a PDF (WeasyPrint), made when asked for from the record as it stands."""
    from documents.pdf import render_pdf

    claim = request.rule_object
    pdf = render_pdf(template_name="debt_recovery/court/claim_pack_pdf.html", context=pack_context(claim))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="claim-pack-{claim.debtor.reference}-{claim.pk}.pdf"'
    return response


@require_safe
@rule_required("debt_recovery.view_recovery")
def claims(request):
    return render(request, "debt_recovery/court/claims.html", {
        "claims": selectors.claims_visible_to(user=request.user)[:200],
        "estates": selectors.estates_visible_to(user=request.user),
        "warnings": selectors.limitation_warnings_visible_to(user=request.user)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def estate_open(request, pk):
    debtor = request.rule_object
    form = EstateOpenForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.estate_case_open(acting_user=request.user, debtor=debtor, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Estate recovery opened, with tasks for the probate search and the claim")
            return redirect("debt_recovery:estate-detail", pk=case.pk)
    return render(request, "debt_recovery/court/estate_open.html", {"form": form, "debtor": debtor,
                                                                     "client": debtor.client})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.view_client_debts", write="debt_recovery.work_client", obj=estate_in_url)
def estate_detail(request, pk):
    case = request.rule_object
    initial = {f: getattr(case, f) for f in ("probate_result", "probate_searched_on", "grant_issued_on",
                                              "personal_representatives", "claim_sent_on", "claim_amount", "status")}
    form = EstateUpdateForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.estate_case_update(acting_user=request.user, case=case, reason=reason, **data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Estate case updated")
            return redirect("debt_recovery:estate-detail", pk=case.pk)
    from people.models import Task

    tasks = Task.objects.filter(object_id=case.pk, content_type__model="estatecase").order_by("due_date")
    return render(request, "debt_recovery/court/estate_detail.html", {
        "case": case, "debtor": case.debtor, "client": case.debtor.client, "form": form, "tasks": tasks,
        "may_work": can(request.user, "debt_recovery.work_client", case)})
