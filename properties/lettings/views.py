"""Letting pages: certificates, starting a tenancy, a tenancy's rent account, rent received and reviews."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from properties.lettings import services
from properties.lettings.forms import CertificateForm, RentReceiptForm, RentReviewForm, TenancyForm
from properties.lettings.models import Tenancy
from properties.lettings.selectors import rent_account
from properties.register.selectors import access_property
from properties.register.views import _posted, form_page, property_in_url


def tenancy_in_url(request, pk, **kwargs):
    tenancy = get_object_or_404(Tenancy, pk=pk)
    access_property(user=request.user, pk=tenancy.home_id)
    return tenancy


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def certificate_add(request, pk):
    home = request.rule_object
    return form_page(request, form=CertificateForm(_posted(request)), heading="Record a certificate", home=home,
                     done="Certificate recorded",
                     save=lambda data: services.certificate_record(acting_user=request.user, home=home, **data))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def tenancy_add(request, pk):
    home = request.rule_object

    def save(data):
        data = {**data, "deposit": data.get("deposit") or 0}
        services.tenancy_start(acting_user=request.user, home=home, **data)

    return form_page(request, form=TenancyForm(_posted(request)), heading="Start a tenancy", home=home,
                     done="Tenancy started", save=save,
                     intro="A tenancy needs a gas safety record (where there is gas), an EICR and an EPC rated E or "
                           "better, all in date on the start date.")


@require_safe
@rule_required("properties.view_client", obj=tenancy_in_url)
def tenancy_detail(request, pk):
    tenancy = request.rule_object
    return render(request, "properties/lettings/tenancy.html", {
        "tenancy": tenancy, "home": tenancy.home, "client": tenancy.home.client, "rent": rent_account(tenancy=tenancy),
        "receipts": tenancy.receipts.all(), "reviews": tenancy.reviews.all(),
        "receipt_form": RentReceiptForm(), "review_form": RentReviewForm(), "key": uuid.uuid4().hex,
        "may_work": can(request.user, "properties.work_client", tenancy.home.client),
        "may_record_money": can(request.user, "ledger.record_client_money", tenancy.home.client)})


def _tenancy_post(request, form, action, done):
    tenancy = request.rule_object
    if form.is_valid():
        try:
            action(tenancy, form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("properties:tenancy-detail", pk=tenancy.pk)


@require_POST
@rule_required("properties.view_client", obj=tenancy_in_url)
def rent_receipt_add(request, pk):
    key = request.POST.get("key") or uuid.uuid4().hex
    return _tenancy_post(request, RentReceiptForm(request.POST), lambda tenancy, data: services.rent_receipt_record(
        acting_user=request.user, tenancy=tenancy, idempotency_key=key[:60], **data), "Rent received recorded")


@require_POST
@rule_required("properties.work_client", obj=tenancy_in_url)
def rent_review_add(request, pk):
    return _tenancy_post(request, RentReviewForm(request.POST), lambda tenancy, data: services.rent_review_record(
        acting_user=request.user, tenancy=tenancy, **data), "Rent review recorded")
