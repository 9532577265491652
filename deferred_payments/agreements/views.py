"""Deferred payment pages: the agreements list, one agreement's page (application, eligibility, equity
limit, terms, document, signatures, approval, legal charge, weekly deferrals, ending), starting an
enquiry from the client's page, the application form, and each step's form posted to one action page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deferred_payments.agreements import forms as f
from deferred_payments.agreements import selectors
from deferred_payments.agreements.choices import AgreementStatus
from people.selectors import today
from people.views import client_in_url, show_service_errors


def agreement_in_url(request, pk, **kwargs):
    return selectors.access_agreement(user=request.user, pk=pk)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _do(agreement, action, data, user):
    """Each action: its form and the service call it makes (the services check who may)."""
    from deferred_payments.agreements import services as agreements
    from deferred_payments.applications import services as applications
    from deferred_payments.charges import services as charges
    from deferred_payments.ending import services as ending

    charge = getattr(agreement, "legal_charge", None)
    return {
        "offer": (f.EmptyForm, lambda d: agreements.agreement_offer(acting_user=user, agreement=agreement),
                  "Agreement offered: its document is being made."),
        "sign": (f.SignForm, lambda d: agreements.signature_record(acting_user=user, agreement=agreement, **d),
                 "Signature recorded."),
        "approve": (f.ApproveForm, lambda d: agreements.agreement_approve(acting_user=user, agreement=agreement, **d),
                    "Agreement approved."),
        "close": (f.CloseForm, lambda d: applications.application_close(acting_user=user,
                                                                        application=agreement.application, **d),
                  "Application closed."),
        "charge-request": (f.EmptyForm, lambda d: charges.charge_request(acting_user=user, agreement=agreement),
                           "Legal services have been asked to register the charge."),
        "charge-register": (f.RegisterForm, lambda d: charges.charge_register(acting_user=user, charge=charge, **d),
                            "Registration recorded."),
        "charge-confirm": (f.ConfirmForm, lambda d: charges.charge_confirm(acting_user=user, charge=charge, **d),
                           "Legal charge confirmed: deferral is allowed."),
        "interim": (f.InterimForm, lambda d: charges.interim_approve(acting_user=user, charge=charge, **d),
                    "Interim arrangement approved: deferral is allowed."),
        "deferral": (f.DeferralForm, lambda d: agreements.weekly_deferral_record(acting_user=user,
                                                                                 agreement=agreement, **d),
                     "Weekly amount recorded."),
        "ending": (f.EndingForm, lambda d: ending.ending_record(acting_user=user, agreement=agreement, **d),
                   "Ending recorded."),
        "repayment": (f.RepaymentForm, lambda d: ending.repayment_record(acting_user=user, agreement=agreement, **d),
                      "Money recorded."),
    }[action]


ACTIONS = ("offer", "sign", "approve", "close", "charge-request", "charge-register", "charge-confirm", "interim",
           "deferral", "ending", "repayment")


def _agreement_context(request, agreement, bound: dict | None = None) -> dict:
    from deferred_payments.agreements.services import required_parties
    from deferred_payments.applications.services import application_eligibility, application_equity_limit
    from deferred_payments.ending.settlement import SettlementError, settlement_figure

    application = selectors.agreement_application(agreement)
    policy = agreement.policy or selectors.policy_in_force()
    forms = {name.replace("-", "_"): (bound or {}).get(name) or _do(agreement, name, None, request.user)[0](prefix=name)
             for name in ACTIONS}
    settlement_form = f.SettlementForm(request.GET or None, prefix="settle")
    settlement = settlement_error = None
    if agreement.starts_on:
        as_at = today()
        if settlement_form.is_bound and settlement_form.is_valid() and settlement_form.cleaned_data["as_at"]:
            as_at = settlement_form.cleaned_data["as_at"]
        try:
            settlement = settlement_figure(agreement, as_at=as_at)
        except SettlementError as exc:
            settlement_error = str(exc)
    try:
        money_url = reverse("deferred_payments:agreement-money", args=[agreement.pk])
    except NoReverseMatch:
        money_url = ""
    return {
        "agreement": agreement, "client": agreement.client, "application": application,
        "eligibility": application_eligibility(application, policy=policy),
        "equity": application_equity_limit(application, policy=policy), "policy": policy,
        "signatures": agreement.signatures.all(), "parties": [p.label for p in required_parties(agreement)],
        "charge": getattr(agreement, "legal_charge", None), "deferrals": agreement.weekly_deferrals.all(),
        "ending": getattr(agreement, "ending", None), "repayments": agreement.repayments.all(),
        "forms": forms, "settlement_form": settlement_form, "settlement": settlement,
        "settlement_error": settlement_error, "money_url": money_url, "S": AgreementStatus,
        "may_work": can(request.user, "deferred_payments.work_client", agreement),
        "may_lead": can(request.user, "deferred_payments.lead", agreement),
    }


@require_safe
@rule_required("deferred_payments.view_any")
def agreement_list(request):
    agreements = selectors.agreements_visible_to(user=request.user).order_by("-created_at")
    status = request.GET.get("status", "")
    if status in AgreementStatus.values:
        agreements = agreements.filter(status=status)
    return render(request, "deferred_payments/agreements.html", {
        "agreements": agreements[:200], "status": status, "statuses": AgreementStatus.choices})


@require_safe
@rule_required("deferred_payments.view_client", obj=agreement_in_url)
def agreement_detail(request, pk):
    return render(request, "deferred_payments/agreement.html", _agreement_context(request, request.rule_object))


@require_POST
@rule_required("deferred_payments.work_client", obj=agreement_in_url)
def agreement_action(request, pk):
    agreement = request.rule_object
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        from django.http import Http404

        raise Http404("No such step.")
    form_class, call, done = _do(agreement, action, None, request.user)
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            call({k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("deferred_payments:agreement", pk=agreement.pk)
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    return render(request, "deferred_payments/agreement.html",
                  _agreement_context(request, agreement, bound={action: form}), status=200)


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.view_client", write="deferred_payments.work_client", obj=client_in_url)
def application_start(request, pk):
    from deferred_payments.applications import services

    client = request.rule_object
    form = f.StartForm(_posted(request), initial={"enquiry_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_start(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"Enquiry recorded as {application.agreement.reference}.")
            return redirect("deferred_payments:application", pk=application.agreement.pk)
    return render(request, "deferred_payments/start.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@rule_required("deferred_payments.view_client", write="deferred_payments.work_client", obj=agreement_in_url)
def application_edit(request, pk):
    from deferred_payments.applications import services

    agreement = request.rule_object
    application = selectors.agreement_application(agreement)
    yes_no = {True: "yes", False: "no", None: ""}
    initial = {field: getattr(application, field) for field in (
        "applied_on", "share_percent", "valuation_value", "valuation_on", "valuer", "other_capital",
        "disposable_income_allowance", "representative_name", "care_home_name")}
    initial.update({field: yes_no[getattr(application, field)] for field in (
        "needs_met_in_care_home", "owns_main_or_only_home", "home_value_disregarded", "first_charge_possible",
        "agrees_to_terms")})
    initial["home"] = agreement.home_id
    if initial["valuation_value"] is not None:
        initial["valuation_value"] = f"{initial['valuation_value']:.2f}"
    form = f.ApplicationForm(_posted(request), initial=initial, client=agreement.client)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(acting_user=request.user, application=application, **form.service_kwargs())
        except ApplicationError as exc:
            show_service_errors(form, exc, field_map={"new_home": "address_line_1"})
        else:
            messages.success(request, "Application saved.")
            return redirect("deferred_payments:agreement", pk=agreement.pk)
    return render(request, "deferred_payments/application.html", {
        "form": form, "agreement": agreement, "client": agreement.client})


def client_tab(*, client, user) -> dict:
    """The client's *Deferred payments* tab: their agreements and applications."""
    return {"agreements": selectors.client_agreements(client=client),
            "may_start": can(user, "deferred_payments.work_client", client)}
