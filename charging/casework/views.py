"""Pages for a client's charging casework: top-up agreements and their invoices, appeals and
complaints, deprivation of assets decisions, and referrals out.

Thin, like the people pages: check the input with a form, call one service, redirect with a message.
Everything fetched by id goes through an ``access_*`` selector, so another team's record is a 404
exactly like a missing one. Who may do what is :mod:`charging.rules`: anyone who may see the client
reads the lists; only the charging team holding the case works them.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from charging.casework.services import appeals, referrals, topups
from charging.casework import selectors
from charging.casework.forms import (
    AppealForm,
    AppealOutcomeForm,
    DeprivationDecisionForm,
    InvoiceMissedForm,
    InvoicePaymentForm,
    ReferralForm,
    TopUpAgreementForm,
    TopUpEndForm,
    TopUpSignForm,
)
from charging.assessments.selectors import client_assessments, client_care_packages
from core.exceptions import ApplicationError
from core.rules import rule_required
from people.selectors import client_contacts, today
from people.views import _posted, client_in_url, show_service_errors


def _charging_url(client) -> str:
    """The client's charging page, where the casework section is."""
    return reverse("charging:client-charging", args=[client.pk])


def _topups_url(client) -> str:
    return reverse("casework:topup-list", args=[client.pk])


def _appeals_url(client) -> str:
    return reverse("casework:appeal-list", args=[client.pk])


def topup_in_url(request, pk, **kwargs):
    return selectors.access_topup_agreement(user=request.user, pk=pk)


def invoice_in_url(request, pk, **kwargs):
    return selectors.access_topup_invoice(user=request.user, pk=pk)


def appeal_in_url(request, pk, **kwargs):
    return selectors.access_appeal(user=request.user, pk=pk)


# --- top-ups --------------------------------------------------------------------------------------

@require_safe
@rule_required("charging.view_client_charging", obj=client_in_url)
def topup_list(request, pk):
    client = request.rule_object
    agreements = selectors.client_topup_agreements(client=client)
    return render(request, "charging/topups/topup_list.html", {
        "client": client, "agreements": agreements, "liability": topups.LIABILITY, "back_url": _charging_url(client),
    })


@require_safe
@rule_required("charging.view_client_charging", obj=topup_in_url)
def topup_detail(request, pk):
    agreement = request.rule_object
    return render(request, "charging/topups/topup_detail.html", {
        "client": agreement.client, "agreement": agreement,
        "invoices": selectors.agreement_invoices(agreement=agreement), "liability": topups.LIABILITY,
        "missed_after_days": topups.MISSED_AFTER_DAYS, "back_url": _topups_url(agreement.client),
    })


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=client_in_url)
def topup_add(request, pk):
    client = request.rule_object
    contacts = [link.contact for link in client_contacts(client=client)]
    form = TopUpAgreementForm(_posted(request), client=client, contacts=contacts,
                              care_packages=client_care_packages(client=client))
    if request.method == "POST" and form.is_valid():
        try:
            agreement = topups.topup_agreement_create(acting_user=request.user, client=client, **form.service_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Top-up agreement recorded. Record the signed agreement when it arrives.")
            return redirect("casework:topup-detail", pk=agreement.pk)
    return render(request, "charging/topups/topup_form.html", {
        "form": form, "client": client, "liability": topups.LIABILITY, "back_url": _topups_url(client),
    })


def _agreement_form_view(request, pk, *, form_class, template, action, success):
    agreement = request.rule_object
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            action(agreement, form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("casework:topup-detail", pk=agreement.pk)
    return render(request, template, {"form": form, "client": agreement.client, "agreement": agreement,
                                      "liability": topups.LIABILITY,
                                      "back_url": reverse("casework:topup-detail", args=[agreement.pk])})


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=topup_in_url)
def topup_sign(request, pk):
    return _agreement_form_view(
        request, pk, form_class=TopUpSignForm, template="charging/topups/topup_sign.html",
        action=lambda agreement, data: topups.topup_agreement_sign(
            acting_user=request.user, agreement=agreement, signed_on=data["signed_on"]),
        success="Signed agreement recorded: the top-up is active",
    )


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=topup_in_url)
def topup_end(request, pk):
    return _agreement_form_view(
        request, pk, form_class=TopUpEndForm, template="charging/topups/topup_end.html",
        action=lambda agreement, data: topups.topup_agreement_end(
            acting_user=request.user, agreement=agreement, end_date=data["end_date"], reason=data["reason"]),
        success="Top-up ended",
    )


def _invoice_form_view(request, pk, *, form_class, template, action, success):
    invoice = request.rule_object
    form = form_class(_posted(request), initial={"amount_paid": invoice.amount})
    if request.method == "POST" and form.is_valid():
        try:
            action(invoice, form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("casework:topup-detail", pk=invoice.agreement_id)
    return render(request, template, {"form": form, "client": invoice.agreement.client, "invoice": invoice,
                                      "agreement": invoice.agreement,
                                      "back_url": reverse("casework:topup-detail", args=[invoice.agreement_id])})


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=invoice_in_url)
def invoice_payment(request, pk):
    return _invoice_form_view(
        request, pk, form_class=InvoicePaymentForm, template="charging/topups/invoice_payment.html",
        action=lambda invoice, data: topups.topup_invoice_record_payment(
            acting_user=request.user, invoice=invoice, paid_on=data["paid_on"], amount_paid=data["amount_paid"]),
        success="Payment recorded",
    )


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=invoice_in_url)
def invoice_missed(request, pk):
    return _invoice_form_view(
        request, pk, form_class=InvoiceMissedForm, template="charging/topups/invoice_missed.html",
        action=lambda invoice, data: topups.topup_invoice_record_missed(
            acting_user=request.user, invoice=invoice, reason=data["reason"]),
        success="Payment recorded as missed; the charging officer has a task to follow it up",
    )


# --- appeals, complaints and deprivation decisions ------------------------------------------------

@require_safe
@rule_required("charging.view_client_charging", obj=client_in_url)
def appeal_list(request, pk):
    client = request.rule_object
    return render(request, "charging/appeals/appeal_list.html", {
        "client": client, "appeals": selectors.client_appeals(client=client),
        "decisions": selectors.client_deprivation_decisions(client=client),
        "referrals": selectors.client_referrals(client=client), "today": today(), "back_url": _charging_url(client),
    })


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=client_in_url)
def appeal_add(request, pk):
    client = request.rule_object
    form = AppealForm(_posted(request), client=client, assessments=client_assessments(client=client),
                      decisions=selectors.client_deprivation_decisions(client=client))
    if request.method == "POST" and form.is_valid():
        try:
            appeals.appeal_record(acting_user=request.user, client=client, **form.service_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Appeal or complaint recorded")
            return redirect(_appeals_url(client))
    return render(request, "charging/appeals/appeal_form.html", {"form": form, "client": client,
                                                                 "back_url": _appeals_url(client)})


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=appeal_in_url)
def appeal_outcome(request, pk):
    appeal = request.rule_object
    client = appeal.client
    form = AppealOutcomeForm(_posted(request), client=client, assessments=client_assessments(client=client))
    if request.method == "POST" and form.is_valid():
        try:
            appeals.appeal_outcome_record(acting_user=request.user, appeal=appeal, **form.service_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Outcome recorded")
            return redirect(_appeals_url(client))
    return render(request, "charging/appeals/appeal_outcome.html", {"form": form, "client": client, "appeal": appeal,
                                                                    "back_url": _appeals_url(client)})


@require_http_methods(["GET", "POST"])
@rule_required("charging.decide_deprivation", obj=client_in_url)
def deprivation_add(request, pk):
    client = request.rule_object
    form = DeprivationDecisionForm(_posted(request), client=client, assessments=client_assessments(client=client))
    if request.method == "POST" and form.is_valid():
        try:
            appeals.deprivation_decision_record(acting_user=request.user, client=client, **form.service_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Deprivation of assets decision recorded")
            return redirect(_appeals_url(client) + "#deprivation")
    return render(request, "charging/appeals/deprivation_form.html", {"form": form, "client": client,
                                                                       "back_url": _appeals_url(client)})


# --- referrals ------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=client_in_url)
def referral_add(request, pk):
    client = request.rule_object
    form = ReferralForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            referral = referrals.referral_make(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            who = referral.task.assigned_to
            messages.success(request, f"Referral made: {who.get_full_name() or who.get_username()} has a task "
                                      f"and a note is in the journal")
            return redirect(_appeals_url(client) + "#referrals")
    return render(request, "charging/appeals/referral_form.html", {"form": form, "client": client,
                                                                    "back_url": _appeals_url(client)})
