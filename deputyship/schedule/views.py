"""Pages of income and bills on schedule: the client's *Income and bills* tab, adding expected income,
scheduled bills and one-off payments, a second person's approval, and the list of missed income. Thin: a
form, one service, a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import can, rule_required
from deputyship.schedule import selectors, services
from deputyship.schedule.forms import CancelForm, ExpectedIncomeForm, PaymentRequestForm, ScheduledPaymentForm
from ledger.selectors import available_funds
from people.selectors import access_client, clients_visible_to
from people.views import _posted, show_service_errors


def client_in_url(request, pk, **kwargs):
    return access_client(user=request.user, pk=pk)


def request_client_in_url(request, pk, **kwargs):
    return selectors.access_payment_request(user=request.user, pk=pk).client


def _tab(client) -> str:
    return reverse("deputyship:client-schedule", args=[client.pk])


@require_safe
@rule_required("deputyship.view_client", obj=client_in_url)
def client_schedule(request, pk):
    client = request.rule_object
    return render(request, "deputyship/schedule/client_schedule.html", {
        "client": client,
        "incomes": selectors.client_expected_income(client=client),
        "bills": selectors.client_scheduled_payments(client=client),
        "requests": selectors.client_payment_requests(client=client)[:50],
        "checks": selectors.client_income_checks(client=client)[:30],
        "available": available_funds(client=client),
        "may_work": can(request.user, "deputyship.work_client", client),
    })


def _form_page(request, *, client, form, heading, button, intro=""):
    return render(request, "deputyship/schedule/form.html", {
        "form": form, "client": client, "heading": heading, "button": button, "intro": intro,
        "back_url": _tab(client)})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def expected_income_add(request, pk):
    client = request.rule_object
    form = ExpectedIncomeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.expected_income_record(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Expected income recorded. Each due date is checked against the bank "
                                      "statements; you get a task if it is missed or different.")
            return redirect(_tab(client))
    return _form_page(request, client=client, form=form, heading="Add expected income", button="Save income")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def scheduled_payment_add(request, pk):
    client = request.rule_object
    form = ScheduledPaymentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.scheduled_payment_record(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Scheduled payment recorded. Each due date becomes a payment request a few "
                                      "days ahead, for the next payment run.")
            return redirect(_tab(client))
    return _form_page(request, client=client, form=form, heading="Add a scheduled payment", button="Save payment")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def payment_request_add(request, pk):
    client = request.rule_object
    form = PaymentRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            made = services.payment_request_create(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment requested. " + (
                "It needs a second person's approval: " + made.second_person_reasons.replace("\n", " ")
                if made.needs_second_person else "It will go in the next payment run."))
            return redirect(_tab(client))
    return _form_page(request, client=client, form=form, heading="Ask for a payment", button="Ask for payment",
                      intro="The payment is made by the next payment run from the pooled client account.")


@require_POST
@rule_required("deputyship.work_client", obj=request_client_in_url)
def payment_request_approve(request, pk):
    made = selectors.access_payment_request(user=request.user, pk=pk)
    try:
        services.payment_request_approve(acting_user=request.user, request=made)
    except (ApplicationError, PermissionDeniedError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Approved: it will go in the next payment run.")
    return redirect(_tab(made.client))


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=request_client_in_url)
def payment_request_cancel(request, pk):
    made = selectors.access_payment_request(user=request.user, pk=pk)
    form = CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_request_cancel(acting_user=request.user, request=made, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Payment cancelled.")
            return redirect(_tab(made.client))
    return _form_page(request, client=made.client, form=form, heading=f"Cancel the payment of £{made.amount:,.2f} "
                      f"to {made.payee}", button="Cancel payment")


@require_safe
@rule_required("deputyship.view_any")
def missed_income(request):
    return render(request, "deputyship/schedule/missed_income.html", {
        "checks": selectors.missed_income(clients=clients_visible_to(user=request.user))[:300]})
