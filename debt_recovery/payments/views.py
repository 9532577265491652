"""Pages of payments and payment plans: a debtor's payments (with what each paid), recording and
reversing one, reallocating one, refunds (asked for by one person, approved by another, then paid),
unidentified receipts in suspense, the allocation rule, and payment plans. Thin: a form, one service, a
redirect with a message."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.pagination import page_of
from core.rules import can, rule_required
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import access_debtor_account, debtor_accounts_visible_to, open_charges
from debt_recovery.payments import services
from debt_recovery.payments.forms import (
    AllocateSuspenseForm,
    AllocationRuleForm,
    PaymentFileForm,
    PaymentForm,
    PlanForm,
    RefundDecisionForm,
    RefundRequestForm,
    ReallocateForm,
    ReverseForm,
    SuspenseForm,
)
from debt_recovery.payments.models import AllocationPolicy, Payment, Refund, SuspenseReceipt
from debt_recovery.payments.selectors import debtor_payments, refunds_awaiting_approval, suspense_to_allocate
from debt_recovery.plans import services as plan_services
from debt_recovery.plans.choices import PlanStatus
from debt_recovery.plans.models import PaymentPlan
from people.views import _posted, show_service_errors

FORM = "debt_recovery/payments/form.html"


def debtor_in_url(request, pk, **kwargs):
    return access_debtor_account(user=request.user, pk=pk)


def _visible(model, request, pk, related="debtor__client"):
    try:
        return model.objects.select_related(related).get(pk=pk, debtor__in=debtor_accounts_visible_to(user=request.user))
    except (model.DoesNotExist, ValueError):
        raise Http404("Not found") from None


def payment_in_url(request, pk, **kwargs):
    return _visible(Payment, request, pk)


def refund_in_url(request, pk, **kwargs):
    return _visible(Refund, request, pk)


def _payments_url(debtor) -> str:
    return reverse("debt_recovery:debtor-payments", args=[debtor.pk])


def _form_page(request, *, form, heading, button, back_url, debtor=None, intro="", template=FORM):
    return render(request, template, {"form": form, "heading": heading, "button": button, "back_url": back_url,
                                  "debtor": debtor, "client": debtor.client if debtor else None, "intro": intro})


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=debtor_in_url)
def debtor_payments_page(request, pk):
    debtor = request.rule_object
    return render(request, "debt_recovery/payments/debtor_payments.html", {
        "debtor": debtor, "client": debtor.client, "payments": debtor_payments(debtor=debtor),
        "credit": services.credit_available(debtor), "refunds": debtor.refunds.all(),
        "plans": PaymentPlan.objects.filter(debtor=debtor).prefetch_related("instalments"),
        "can_work": can(request.user, "debt_recovery.work_client", debtor)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def payment_add(request, pk):
    debtor = request.rule_object
    form = PaymentForm(_posted(request), initial={"token": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.payment_record(acting_user=request.user, debtor=debtor, amount=data["amount"],
                                    method=data["method"], received_on=data["received_on"],
                                    reference=data["reference"], note=data["note"],
                                    idempotency_key=f"form:{data['token']}" if data["token"] else None)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment recorded and set against the debtor's charges.")
            return redirect(_payments_url(debtor))
    return _form_page(request, form=form, heading="Record a payment", button="Record payment",
                      back_url=_payments_url(debtor), debtor=debtor)


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=payment_in_url)
def payment_reverse(request, pk):
    payment = request.rule_object
    form = ReverseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_reverse(acting_user=request.user, payment=payment, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment reversed: the charges it paid are owed again.")
            return redirect(_payments_url(payment.debtor))
    return _form_page(request, form=form, heading="Reverse a payment", button="Reverse payment",
                      back_url=_payments_url(payment.debtor), debtor=payment.debtor, intro=str(payment))


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=payment_in_url)
def payment_reallocate(request, pk):
    payment = request.rule_object
    charges = open_charges(ledger_account_id=payment.debtor.ledger_account_id, leave_out=(payment.transaction_id,))
    form = ReallocateForm(_posted(request), charges=charges)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_reallocate(acting_user=request.user, payment=payment, amounts=form.amounts(),
                                        reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment reallocated. The earlier allocation is kept, cancelled.")
            return redirect(_payments_url(payment.debtor))
    return _form_page(request, form=form, heading="Choose what the payment paid", button="Reallocate",
                      back_url=_payments_url(payment.debtor), debtor=payment.debtor,
                      intro=f"{payment}. What is not allocated stays as credit on the account.")


# --- refunds ---------------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def refund_add(request, pk):
    debtor = request.rule_object
    form = RefundRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.refund_request(acting_user=request.user, debtor=debtor, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Refund requested: another team leader must approve it before it is paid.")
            return redirect(_payments_url(debtor))
    return _form_page(request, form=form, heading="Request a refund of credit", button="Request refund",
                      back_url=_payments_url(debtor), debtor=debtor,
                      intro=f"Credit available to refund: £{services.credit_available(debtor)}.")


@require_safe
@rule_required("debt_recovery.work_any")
def refunds(request):
    found = refunds_awaiting_approval().filter(debtor__in=debtor_accounts_visible_to(user=request.user))
    return render(request, "debt_recovery/payments/refunds.html", {"page": page_of(request, found, 50)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.approve_refund", obj=refund_in_url)
def refund_decide(request, pk):
    refund = request.rule_object
    form = RefundDecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.refund_decide(acting_user=request.user, refund=refund,
                                   approve=form.cleaned_data["decision"] == "approve", note=form.cleaned_data["note"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Decision recorded.")
            return redirect(reverse("debt_recovery:refunds"))
    requester = refund.requested_by.get_full_name() or refund.requested_by.username
    intro = (f"£{refund.amount} to {refund.debtor.name}, requested by {requester}: {refund.reason}"
             + (" You asked for this refund, so someone else must decide it." if refund.requested_by == request.user
                else ""))
    return _form_page(request, form=form, heading="Approve or reject a refund", button="Record decision",
                      back_url=reverse("debt_recovery:refunds"), debtor=refund.debtor, intro=intro)


@require_http_methods(["POST"])
@rule_required("debt_recovery.work_client", obj=refund_in_url)
def refund_pay(request, pk):
    refund = request.rule_object
    try:
        services.refund_pay(acting_user=request.user, refund=refund)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Refund of £{refund.amount} paid.")
    return redirect(_payments_url(refund.debtor))


# --- suspense --------------------------------------------------------------------------------------------

@require_safe
@rule_required("debt_recovery.payment_suspense")
def suspense(request):
    return render(request, "debt_recovery/payments/suspense.html",
                  {"page": page_of(request, suspense_to_allocate(), 50)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.payment_suspense")
def suspense_add(request):
    form = SuspenseForm(_posted(request), initial={"token": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.suspense_receipt_record(
                acting_user=request.user, amount=data["amount"], method=data["method"],
                received_on=data["received_on"], reference=data["reference"], payer=data["payer"], note=data["note"],
                idempotency_key=f"form:{data['token']}" if data["token"] else None)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment held in suspense until it is allocated to a debtor.")
            return redirect(reverse("debt_recovery:suspense"))
    return _form_page(request, form=form, heading="Record an unidentified payment", button="Hold in suspense",
                      back_url=reverse("debt_recovery:suspense"))


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.payment_suspense")
def suspense_allocate(request, pk):
    try:
        receipt = SuspenseReceipt.objects.get(pk=pk)
    except (SuspenseReceipt.DoesNotExist, ValueError):
        raise Http404("No receipt found") from None
    form = AllocateSuspenseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        debtor = debtor_accounts_visible_to(user=request.user).filter(
            reference__iexact=form.cleaned_data["debtor_reference"].strip()).first()
        if debtor is None:
            form.add_error("debtor_reference", "No debtor account you can see has that reference")
        else:
            try:
                services.suspense_allocate(acting_user=request.user, receipt=receipt, debtor=debtor,
                                           reason=form.cleaned_data["reason"])
            except ApplicationError as exc:
                show_service_errors(form, exc)
            else:
                messages.success(request, f"Payment allocated to {debtor.name} ({debtor.reference}).")
                return redirect(reverse("debt_recovery:suspense"))
    return _form_page(request, form=form, heading="Allocate a payment from suspense", button="Allocate",
                      back_url=reverse("debt_recovery:suspense"), intro=str(receipt))


#: The largest payment file taken (a year of a large council's outlet payments is well under this).
MAX_FILE_BYTES = 5 * 1024 * 1024


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.payment_suspense")
def payment_file_upload(request):
    from debt_recovery.payments.imports import payment_file_import
    from debt_recovery.payments.models import PaymentFile

    form = PaymentFileForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", "The file must be 5 MB or smaller")
        else:
            try:
                record = payment_file_import(acting_user=request.user, file_name=upload.name, content=upload.read(),
                                             method=form.cleaned_data["method"])
            except ApplicationError as exc:
                show_service_errors(form, exc)
                for error in (exc.extra or {}).get("errors", [])[:20]:
                    if isinstance(error, dict):
                        form.add_error(None, f"Line {error.get('line', '?')}: {error.get('message', '')}")
            else:
                messages.success(request, f"{record.file_name}: {record.lines_matched} payments recorded, "
                                          f"{record.lines_suspense} held in suspense (£{record.total} in all).")
                return redirect(reverse("debt_recovery:payment-files"))
    return render(request, "debt_recovery/payments/payment_files.html", {
        "form": form, "files": PaymentFile.objects.select_related("imported_by")[:50]})


# --- the allocation rule ---------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_any", write="debt_recovery.set_allocation_rule")
def allocation_rule(request):
    form = AllocationRuleForm(_posted(request), initial={"rule": services.allocation_rule_in_force()})
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_policy_set(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Allocation rule changed for new payments.")
            return redirect(reverse("debt_recovery:allocation-rule"))
    return render(request, "debt_recovery/payments/allocation_rule.html", {
        "form": form, "history": AllocationPolicy.objects.select_related("chosen_by")[:50],
        "can_change": can(request.user, "debt_recovery.set_allocation_rule")})


# --- payment plans ---------------------------------------------------------------------------------------

@require_safe
@rule_required("debt_recovery.work_any")
def plans(request):
    status = request.GET.get("status", PlanStatus.IN_FORCE)
    if status not in PlanStatus.values:
        status = PlanStatus.IN_FORCE
    found = (PaymentPlan.objects.filter(status=status, debtor__in=debtor_accounts_visible_to(user=request.user))
             .select_related("debtor").order_by("-ended_on", "-start_on", "-id"))
    return render(request, "debt_recovery/payments/plans.html", {
        "page": page_of(request, found, 50), "status": status, "statuses": PlanStatus.choices})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def plan_add(request, pk):
    debtor: DebtorAccount = request.rule_object
    form = PlanForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            from django.db import transaction

            with transaction.atomic():
                statement = plan_services.income_expenditure_record(
                    acting_user=request.user, debtor=debtor, taken_on=plan_services.today(), lines=form.lines())
                plan_services.payment_plan_agree(
                    acting_user=request.user, debtor=debtor, statement=statement, amount=data["amount"],
                    frequency=data["frequency"], start_on=data["start_on"], method=data["method"],
                    grace_days=data["grace_days"])
        except ApplicationError as exc:
            show_service_errors(form, exc, field_map={h: f"ie_{h}" for h in form.lines()} | {
                "earnings": "ie_earnings"})
        else:
            messages.success(request, "Payment plan agreed: the debt is held off the recovery ladder while it is kept.")
            return redirect(_payments_url(debtor))
    return _form_page(request, form=form, heading="Agree a payment plan", button="Agree plan",
                      back_url=_payments_url(debtor), debtor=debtor, template="debt_recovery/payments/plan_form.html",
                      intro="Enter the debtor's monthly income and spending under the Standard Financial Statement's "
                            "headings, then the instalments they can afford from what is left.")
