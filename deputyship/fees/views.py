"""Fees pages: the fees charged and the fees due but not charged; the rate table and adding a rate;
charging a fee the job could not, and reversing one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.authority.models import LegalAuthority
from deputyship.fees import selectors, services
from deputyship.fees.choices import FeeKind
from deputyship.fees.forms import FeeChargeForm, FeeRateForm, FeeReverseForm, OpgFeeForm
from people.selectors import clients_visible_to
from people.views import show_service_errors


def charge_in_url(request, pk, **kwargs):
    found = selectors.charges_visible_to(user=request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("No fee found")
    return found


@require_safe
@rule_required("deputyship.view_any")
def fees(request):
    return render(request, "deputyship/fees/list.html", {
        "outstanding": selectors.fees_outstanding(user=request.user),
        "charges": selectors.charges_visible_to(user=request.user)[:100],
        "opg_paid": selectors.opg_fees_visible_to(user=request.user)[:100],
        "may_charge": can(request.user, "deputyship.work_any"),
    })


@require_POST
@rule_required("deputyship.work_any")
def fee_charge(request):
    form = FeeChargeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The fee was not recognised. Reload the page and try again.")
        return redirect("deputyship:fees")
    authority = LegalAuthority.objects.filter(pk=form.cleaned_data["authority"],
                                              client__in=clients_visible_to(user=request.user)).first()
    if authority is None:
        raise Http404("No order found")
    kind = form.cleaned_data["kind"]
    if kind == "appointeeship":
        in_care = services.in_care_home(client=authority.client, on=authority.made_on)
        kind = FeeKind.APPOINTEESHIP_RESIDENTIAL if in_care else FeeKind.APPOINTEESHIP_COMMUNITY
    try:
        charge = services.fee_charge(acting_user=request.user, authority=authority, kind=kind,
                                     year=form.cleaned_data["year"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{charge.get_kind_display()} of £{charge.amount:,.2f} charged to "
                                  f"{authority.client.full_name}'s funds.")
    return redirect("deputyship:fees")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=charge_in_url)
def fee_reverse(request, pk):
    charge = request.rule_object
    form = FeeReverseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fee_reverse(acting_user=request.user, charge=charge, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Fee reversed: the money is back in the client's funds.")
            return redirect("deputyship:fees")
    return render(request, "deputyship/fees/reverse.html", {"form": form, "charge": charge, "client": charge.client})


@require_safe
@rule_required("deputyship.view_any")
def fee_rates(request):
    return render(request, "deputyship/fees/rates.html", {
        "in_force": selectors.rates_in_force(), "rates": selectors.rates_with_history(),
        "may_edit": can(request.user, "deputyship.manage_fee_rates"), "missing": [
            kind.label for kind in FeeKind if kind not in {r.kind for r in selectors.rates_in_force()}]})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.manage_fee_rates")
def fee_rate_add(request):
    form = FeeRateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fee_rate_add(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Rate added")
            return redirect("deputyship:fee-rates")
    return render(request, "deputyship/fees/rate_form.html", {"form": form})


def deputyship_in_url(request, pk, **kwargs):
    from deputyship.authority.selectors import access_authority

    return access_authority(user=request.user, pk=pk)


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=deputyship_in_url)
def opg_fee_pay(request, pk):
    from deputyship.authority.views import form_page, posted, tab_url

    authority = request.rule_object
    paid = list(authority.opg_fee_payments.order_by("year", "kind"))
    intro = ["The Office of the Public Guardian invoices the deputy for its deputy assessment fee once, and for a "
             "supervision fee each year. The fee in the rate table on the invoice date is paid from the client's "
             "money to the OPG, less any exemption or remission; each fee is paid once."]
    intro += [f"Already paid: {p.get_kind_display()}, year {p.year}, £{p.amount:,.2f} (invoice {p.invoice_reference})."
              for p in paid]
    return form_page(
        request, form=OpgFeeForm(posted(request)), client=authority.client,
        action=lambda d: services.opg_fee_pay(acting_user=request.user, authority=authority, **d),
        done="OPG fee paid from the client's money", next_url=tab_url(authority.client),
        heading="Pay an Office of the Public Guardian invoice", button="Pay the invoice", intro=intro)
