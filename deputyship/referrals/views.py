"""Referral and application pages: the list, taking a referral, one referral with its checklist, parties,
assets and dates, each step's form, and the council's threshold."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.authority.views import authority_in_url, form_page, posted, tab_url
from deputyship.referrals import selectors, services
from deputyship.referrals.choices import AuthoritySought
from deputyship.referrals.forms import (
    AssetForm, Bf57Form, CloseForm, DocumentForm, DwpDatesForm, IssuedForm, NoPartiesForm, OrderForm, PartyForm,
    ReferralForm, ReturnedForm, ReviewForm, ReviewHeldForm, SubmitForm, ThresholdForm,
)
from deputyship.referrals.models import ApplicationThreshold
from people.models import ClientContact
from people.views import client_in_url


def referral_in_url(request, pk, **kwargs):
    return selectors.access_referral(user=request.user, pk=pk)


def document_in_url(request, pk, **kwargs):
    return selectors.access_referral_document(user=request.user, pk=pk)


def review_in_url(request, pk, **kwargs):
    return selectors.access_appointee_review(user=request.user, pk=pk)


def detail_url(referral) -> str:
    return reverse("deputyship:referral-detail", args=[referral.pk])


@require_safe
@rule_required("deputyship.view_any")
def referral_list(request):
    visible = selectors.referrals_visible_to(user=request.user).prefetch_related("documents", "parties")
    show = request.GET.get("show", "open")
    found = {"documents": selectors.awaiting_documents(visible), "parties": selectors.parties_not_told(visible),
             "all": visible}.get(show, selectors.open_referrals(visible))
    referrals = list(found.order_by("-urgency", "referred_on", "pk")[:200])
    for referral in referrals:
        referral.stage = selectors.referral_stage(referral)
    return render(request, "deputyship/referrals/list.html", {
        "referrals": referrals, "show": show, "threshold": services.threshold_in_force()})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def referral_add(request, pk):
    client = request.rule_object
    form = ReferralForm(posted(request))
    made = {}

    def create(data):
        made["referral"] = services.referral_create(acting_user=request.user, client=client, **data)

    response = form_page(request, form=form, action=create, done="Referral recorded", next_url=tab_url(client),
                         heading="Record a referral", client=client,
                         intro=["An urgent referral, from care management or a DWP visiting officer, for the council to "
                                "manage the client's money."])
    if made:
        return redirect(detail_url(made["referral"]))
    return response


@require_safe
@rule_required("deputyship.view_client", obj=referral_in_url)
def referral_detail(request, pk):
    referral = request.rule_object
    links = ClientContact.objects.filter(client=referral.client, relationship__in=services.PARTY_RELATIONSHIPS) \
        .exclude(contact_id__in=referral.parties.values("contact_id")).select_related("contact")
    suggested, why = services.authority_suggested(referral=referral)
    assets = list(referral.assets.all())
    return render(request, "deputyship/referrals/detail.html", {
        "referral": referral, "client": referral.client, "stage": selectors.referral_stage(referral),
        "documents": list(referral.documents.select_related("chase_task")),
        "parties": list(referral.parties.select_related("contact", "letter")),
        "assets": assets,
        "total_assets": sum((a.value for a in assets if a.kind == "asset"), 0),
        "total_debts": sum((a.value for a in assets if a.kind == "liability"), 0),
        "blockers": services.submission_blockers(referral=referral) if referral.is_deputyship else [],
        "suggested": suggested, "suggested_label": AuthoritySought(suggested).label if suggested else "",
        "suggestion": why, "may_work": can(request.user, "deputyship.work_client", referral.client) and referral.is_open,
        "party_form": PartyForm(links=links), "has_links": links.exists(), "no_parties_form": NoPartiesForm(),
        "returned_form": ReturnedForm(),
    })


def _step(request, referral, form, action, done, heading, **extra):
    return form_page(request, form=form, action=action, done=done, next_url=detail_url(referral), heading=heading,
                     client=referral.client, **extra)


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_document_add(request, pk):
    referral = request.rule_object
    return _step(request, referral, DocumentForm(posted(request)), lambda d: services.referral_document_add(
        acting_user=request.user, referral=referral, **d), "Document added to the checklist", "Add a document")


@require_POST
@rule_required("deputyship.work_client", obj=document_in_url)
def referral_document_returned(request, pk):
    document = request.rule_object
    form = ReturnedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the date it came back, like 27 3 2026.")
    else:
        try:
            services.referral_document_returned(acting_user=request.user, document=document, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{document.title} recorded as returned")
    return redirect(detail_url(document.referral))


@require_POST
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_party_add(request, pk):
    referral = request.rule_object
    links = ClientContact.objects.filter(client=referral.client, relationship__in=services.PARTY_RELATIONSHIPS)
    form = PartyForm(request.POST, links=links)
    if not form.is_valid():
        messages.error(request, "Choose who to name.")
    else:
        try:
            services.referral_party_add(acting_user=request.user, referral=referral, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{form.cleaned_data['link'].contact.name} named as an interested party")
    return redirect(detail_url(referral))


@require_POST
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_parties_notify(request, pk):
    referral = request.rule_object
    try:
        told = services.referral_parties_notify(acting_user=request.user, referral=referral)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Letters sent: {len(told)} told of the application")
    return redirect(detail_url(referral))


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_no_parties(request, pk):
    referral = request.rule_object
    return _step(request, referral, NoPartiesForm(posted(request)), lambda d: services.referral_no_parties_record(
        acting_user=request.user, referral=referral, **d), "Recorded", "No relative or interested party found")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_asset_add(request, pk):
    referral = request.rule_object
    return _step(request, referral, AssetForm(posted(request)), lambda d: services.referral_asset_add(
        acting_user=request.user, referral=referral, **d), "Recorded", "Add an asset or debt")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_submit(request, pk):
    referral = request.rule_object
    return _step(request, referral, SubmitForm(posted(request)), lambda d: services.referral_submit(
        acting_user=request.user, referral=referral, **d), "Application recorded as submitted to the Court of Protection",
        "Submit the application", button="Record submission",
        warnings=services.submission_blockers(referral=referral) if referral.is_open else [])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_issued(request, pk):
    referral = request.rule_object
    return _step(request, referral, IssuedForm(posted(request)), lambda d: services.referral_issued(
        acting_user=request.user, referral=referral, **d), "Issue date recorded", "The court issued the application")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_order(request, pk):
    referral = request.rule_object
    return form_page(request, form=OrderForm(posted(request)), client=referral.client,
                     action=lambda d: services.referral_order_record(acting_user=request.user, referral=referral, **d),
                     done="Order recorded: the council's authority is on the client's Deputyship tab",
                     next_url=tab_url(referral.client), heading="Record the order received", button="Record the order")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_dwp(request, pk):
    referral = request.rule_object
    initial = {"bf56_sent_on": referral.bf56_sent_on, "dwp_visit_on": referral.dwp_visit_on}
    return _step(request, referral, DwpDatesForm(posted(request), initial=initial),
                 lambda d: services.referral_dwp_dates(acting_user=request.user, referral=referral, **d),
                 "DWP dates recorded", "BF56 and the DWP's visit")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_bf57(request, pk):
    referral = request.rule_object
    return form_page(request, form=Bf57Form(posted(request)), client=referral.client,
                     action=lambda d: services.referral_bf57_record(acting_user=request.user, referral=referral, **d),
                     done="Appointeeship recorded", next_url=tab_url(referral.client),
                     heading="The DWP approved the appointeeship (BF57)")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=referral_in_url)
def referral_close(request, pk):
    referral = request.rule_object
    return _step(request, referral, CloseForm(posted(request)), lambda d: services.referral_close(
        acting_user=request.user, referral=referral, closed_on=d["closed_on"], reason=d["reason"]),
        "Referral closed", "Close the referral", button="Close the referral")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=authority_in_url)
def appointee_review_add(request, pk):
    authority = request.rule_object
    return form_page(request, form=ReviewForm(posted(request)), client=authority.client,
                     action=lambda d: services.appointee_review_add(acting_user=request.user, authority=authority, **d),
                     done="DWP review recorded; a task is set for the day", next_url=tab_url(authority.client),
                     heading="Add a DWP review date")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=review_in_url)
def appointee_review_held(request, pk):
    review = request.rule_object
    return form_page(request, form=ReviewHeldForm(posted(request)), client=review.client,
                     action=lambda d: services.appointee_review_held(acting_user=request.user, review=review, **d),
                     done="DWP review recorded as held", next_url=tab_url(review.client),
                     heading="Record the DWP review as held",
                     intro=[f"The review of the appointeeship ({review.authority.reference}) due on "
                            f"{review.due_on:%d %B %Y}. Once recorded it cannot be changed."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.view_any", write="deputyship.lead")
def thresholds(request):
    form = ThresholdForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_set(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            from people.views import show_service_errors

            show_service_errors(form, exc)
        else:
            messages.success(request, "Threshold saved")
            return redirect("deputyship:thresholds")
    return render(request, "deputyship/referrals/thresholds.html", {
        "form": form, "thresholds": ApplicationThreshold.objects.select_related("recorded_by"),
        "in_force": services.threshold_in_force(), "may_edit": can(request.user, "deputyship.lead")})
