"""The care and charging pages: a client's care packages and financial assessments, the assessment
form, the assessment itself (its working, evidence and approval) and the team leader's approvals.

Thin views, as in :mod:`people.views`: a form checks the input, one service in
:mod:`charging.services` does the work (and checks again), and the view redirects with a message.
Anything fetched by id goes through ``access_client`` / ``access_care_package`` /
``access_assessment``, so another team's record is a 404. Auditors read and see no control that
writes; the pages that only exist to write refuse them (403).

Every figure on the assessment page comes from the stored result through
:mod:`charging.assessments.presentation`, exactly as the letter shows it: nothing is worked out again here.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charging.assessments import presentation, selectors, services
from charging.assessments.backdating import long_date
from charging.run.services import client_invoices
from charging.assessments.calculator import AssessmentInput, MissingRate
from charging.assessments.choices import AssessmentStatus, CareSetting
from charging.assessments.forms import (
    AssessmentForms,
    AssessmentListForm,
    CarePackageEndForm,
    CarePackageForm,
    EvidenceForm,
    ReturnToDraftForm,
    initial_from_inputs,
    pension_credit_age_likely,
)
from core.exceptions import ApplicationError, PermissionDeniedError
from documents.uploads import check_uploads
from core.access import note_client_reads
from core.pagination import page_of
from core.rules import can, rule_required
from people.rules import reads_everything
from people.selectors import today
from people.views import client_in_url, show_service_errors

STATUS_COLOURS = {
    AssessmentStatus.DRAFT: "light-blue",
    AssessmentStatus.SUBMITTED: "yellow",
    AssessmentStatus.APPROVED: "green",
    AssessmentStatus.SUPERSEDED: "grey",
}


def _posted(request):
    return request.POST if request.method == "POST" else None


def care_package_in_url(request, pk, **kwargs):
    return selectors.access_care_package(user=request.user, pk=pk)


def assessment_in_url(request, pk, **kwargs):
    return selectors.access_assessment(user=request.user, pk=pk)


def live_charges(client) -> list[dict]:
    """For each setting, the assessment in force today with its stored weekly charge, and the
    approved one that takes effect later (``coming``: an uprating from next April, an increase from
    next Monday), if any. One query."""
    day = today()
    found = list(client.assessments.filter(selectors.in_force_on(day) | selectors.coming(day))
                 .order_by("effective_from", "id"))
    charges = []
    for setting in CareSetting:
        live = next((a for a in found if a.setting == setting and a.in_force_on(day)), None)
        coming = next((a for a in found if a.setting == setting and a.effective_from > day), None)
        if live is None and coming is None:
            continue
        charges.append({
            "setting": setting.label, "assessment": live,
            "summary": presentation.charge_summary(live.result) if live is not None else None,
            "coming": coming,
            "coming_summary": presentation.charge_summary(coming.result) if coming is not None else None,
        })
    return charges


# --- a client's care and charging ------------------------------------------------------------------

@require_safe
@rule_required("charging.view_client_charging", obj=client_in_url)
def client_charging(request, pk):
    client = request.rule_object
    packages = list(selectors.client_care_packages(client=client))
    assessments = list(selectors.client_assessments(client=client))
    return render(request, "charging/client_charging.html", {
        "client": client, "packages": packages, "assessments": assessments, "today": today(),
        "live": live_charges(client), "status_colours": STATUS_COLOURS,
        "invoices": client_invoices(client=client)[:13],
    })


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=client_in_url)
def care_package_add(request, pk):
    client = request.rule_object
    form = CarePackageForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            package = services.care_package_add(acting_user=request.user, client=client, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"Care package from {package.provider_name} added")
            return redirect("charging:client-charging", pk=client.pk)
    return render(request, "charging/care_package_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=care_package_in_url)
def care_package_end(request, pk):
    package = request.rule_object
    form = CarePackageEndForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.care_package_end(acting_user=request.user, care_package=package, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"Care package from {package.provider_name} ended")
            return redirect("charging:client-charging", pk=package.client_id)
    return render(request, "charging/care_package_end.html", {"form": form, "package": package,
                                                                "client": package.client})


# --- the assessment form ----------------------------------------------------------------------------

def _refused(forms: AssessmentForms, exc: ApplicationError) -> None:
    """A service's refusal on the assessment form: a missing rate names the rate at the top."""
    if isinstance(exc, MissingRate):
        forms.main.add_error(None, f"{exc.message}. Ask an administrator to add the rate, or choose another "
                                   "assessment date.")
        return
    show_service_errors(forms.main, exc)


def _form_page(request, *, forms: AssessmentForms, package, client, assessment=None):
    return render(request, "charging/assessment_form.html", {
        "forms": forms, "form": forms.main, "package": package, "client": client, "assessment": assessment,
        "residential": package.setting == CareSetting.RESIDENTIAL,
    })


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=care_package_in_url)
def assessment_create(request, pk):
    package = request.rule_object
    client = package.client
    day = package.start_date
    initial = {"assessment_date": day, "date_of_birth": client.date_of_birth,
               "pension_credit_age": pension_credit_age_likely(client.date_of_birth, day),
               "reason": "New care package" if not client.assessments.exists() else ""}
    if package.setting == CareSetting.RESIDENTIAL:
        initial["admission_date"] = package.start_date
    adding = AssessmentForms.row_wanted(_posted(request))
    if adding:
        forms = AssessmentForms.with_another_row(request.POST, prefix=adding, setting=package.setting, initial=initial)
        return _form_page(request, forms=forms, package=package, client=client)
    forms = AssessmentForms(_posted(request), setting=package.setting, initial=initial)
    if request.method == "POST" and forms.is_valid():
        data = forms.main.cleaned_data
        try:
            assessment = services.assessment_draft_create(
                acting_user=request.user, client=client, care_package=package,
                assessment_date=data["assessment_date"],
                inputs=forms.assessment_input(weekly_cost_of_care=package.weekly_cost),
                reason=data["reason"], notes=data["notes"],
            )
        except ApplicationError as exc:
            _refused(forms, exc)
        else:
            messages.success(request, f"Draft assessment saved: {presentation.weekly(assessment.result['weekly_charge'])}")
            return redirect("charging:assessment-detail", pk=assessment.pk)
    return _form_page(request, forms=forms, package=package, client=client)


@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=assessment_in_url)
def assessment_edit(request, pk):
    assessment = request.rule_object
    if assessment.status != AssessmentStatus.DRAFT:
        messages.error(request, f"This assessment is {assessment.get_status_display().lower()}: only a draft can be "
                                "changed.")
        return redirect("charging:assessment-detail", pk=assessment.pk)
    stored = AssessmentInput.from_dict(assessment.inputs)
    initial, lists = initial_from_inputs(stored)
    initial["notes"] = assessment.notes
    package = assessment.care_package
    adding = AssessmentForms.row_wanted(_posted(request))
    if adding:
        forms = AssessmentForms.with_another_row(request.POST, prefix=adding, setting=assessment.setting,
                                                 initial=initial, lists=lists, editing=True)
        return _form_page(request, forms=forms, package=package, client=assessment.client, assessment=assessment)
    forms = AssessmentForms(_posted(request), setting=assessment.setting, initial=initial, lists=lists, editing=True)
    if request.method == "POST" and forms.is_valid():
        data = forms.main.cleaned_data
        try:
            assessment = services.assessment_draft_update(
                acting_user=request.user, assessment=assessment, assessment_date=data["assessment_date"],
                # The pages do not ask about a partner: whatever the API recorded is kept.
                inputs=forms.assessment_input(weekly_cost_of_care=package.weekly_cost, couple=stored.couple),
                reason=data["reason"], notes=data["notes"],
            )
        except ApplicationError as exc:
            _refused(forms, exc)
        else:
            messages.success(request, f"Draft assessment saved: {presentation.weekly(assessment.result['weekly_charge'])}")
            return redirect("charging:assessment-detail", pk=assessment.pk)
    return _form_page(request, forms=forms, package=package, client=assessment.client, assessment=assessment)


# --- the assessment ---------------------------------------------------------------------------------

def working_rows(result) -> list[dict]:
    """The working by heading, each line with the rate it used (name, amount, source), all from the
    stored result."""
    rates = {rate["code"]: rate for rate in presentation.rates_used(result)}
    groups = []
    for group in presentation.working_sections(result):
        rows = []
        for line in group["lines"]:
            rate = rates.get(line.rate_code)
            rows.append({"line": line, "rate": rate,
                         "rate_amount": presentation.money(rate["amount"]) if rate else ""})
        groups.append({"heading": group["heading"], "rows": rows})
    return groups


@require_safe
@rule_required("charging.view_client_charging", obj=assessment_in_url)
def assessment_detail(request, pk):
    assessment = request.rule_object
    user = request.user
    writer = can(user, "charging.work_client", assessment)
    is_assessor = assessment.assessed_by_id == user.pk
    status = assessment.status
    return render(request, "charging/assessment_detail.html", {
        "assessment": assessment, "client": assessment.client, "package": assessment.care_package,
        "summary": presentation.charge_summary(assessment.result),
        "working": working_rows(assessment.result),
        "rates": [{**rate, "effective_from": long_date(dt.date.fromisoformat(rate["effective_from"]))}
                  for rate in presentation.rates_used(assessment.result)],
        "evidence": list(assessment.evidence.select_related("added_by", "verified_by", "document")),
        "status_colour": STATUS_COLOURS.get(status, ""),
        "writer": writer,
        "is_assessor": is_assessor,
        "can_edit": writer and status == AssessmentStatus.DRAFT,
        "can_submit": writer and status == AssessmentStatus.DRAFT,
        "can_return": status == AssessmentStatus.SUBMITTED and can(user, "charging.return_assessment", assessment),
        "can_approve": (status == AssessmentStatus.SUBMITTED and not is_assessor
                        and can(user, "charging.approve_assessment", assessment)),
        "can_add_evidence": writer and status != AssessmentStatus.SUPERSEDED,
        "state": assessment.state(today()),
    })


def _act(request, assessment, action, done: str):
    """Run a state change from a button: a refusal the person can act on is shown as a message; a
    refusal of who they are (not their client, an auditor) is a 403."""
    try:
        action()
    except PermissionDeniedError as exc:
        if exc.code != "own_assessment":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("charging:assessment-detail", pk=assessment.pk)


@require_POST
@rule_required("charging.work_client", obj=assessment_in_url)
def assessment_submit(request, pk):
    assessment = request.rule_object
    return _act(request, assessment,
                lambda: services.assessment_submit(acting_user=request.user, assessment=assessment),
                "Assessment submitted for approval")


@require_POST
@rule_required("charging.approve_assessment", obj=assessment_in_url)
def assessment_approve(request, pk):
    assessment = request.rule_object
    return _act(request, assessment,
                lambda: services.assessment_approve(acting_user=request.user, assessment=assessment),
                "Assessment approved. The letter is being made and will be ready to download in a minute or so.")


@require_http_methods(["GET", "POST"])
@rule_required("charging.return_assessment", obj=assessment_in_url)
def assessment_return_to_draft(request, pk):
    assessment = request.rule_object
    form = ReturnToDraftForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_return_to_draft(acting_user=request.user, assessment=assessment,
                                                reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Assessment returned to draft")
            return redirect("charging:assessment-detail", pk=assessment.pk)
    return render(request, "charging/return_to_draft.html", {"form": form, "assessment": assessment,
                                                               "client": assessment.client})


@csrf_exempt  # the CSRF check is made in _evidence_add, once the upload's checks are in place
@require_http_methods(["GET", "POST"])
@rule_required("charging.work_client", obj=assessment_in_url)
def evidence_add(request, pk):
    """Add evidence, with a copy of the document seen if the officer has one (a multipart form). The
    rule is checked before the request's body is read; the file is checked as it arrives and dropped
    at once if it is not a PDF, JPEG or PNG by its content or is too large (``documents.uploads``)."""
    uploads = check_uploads(request)
    return _evidence_add(request, request.rule_object, uploads)


@csrf_protect
def _evidence_add(request, assessment, uploads):
    form = EvidenceForm(_posted(request), request.FILES if request.method == "POST" else None,
                        upload_refusals=uploads.refusals)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(acting_user=request.user, assessment=assessment, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Evidence added")
            return redirect(f"{assessment_url(assessment)}#evidence")
    return render(request, "charging/evidence_form.html", {"form": form, "assessment": assessment,
                                                             "client": assessment.client})


@require_POST
@rule_required("charging.work_client", obj=assessment_in_url)
def evidence_verify(request, pk, evidence_pk):
    assessment = request.rule_object
    evidence = assessment.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404("No evidence found")
    try:
        services.evidence_verify(acting_user=request.user, evidence=evidence)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Evidence verified: {evidence.evidences}")
    return redirect(f"{assessment_url(assessment)}#evidence")


def assessment_url(assessment) -> str:
    return reverse("charging:assessment-detail", args=[assessment.pk])


# --- the team's assessments and approvals ----------------------------------------------------------

@require_safe
@rule_required("charging.use_menu")
def assessments(request):
    """The charging team's financial assessments, newest first, by status."""
    form = AssessmentListForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    everyone = reads_everything(request.user)
    if everyone:
        form.fields.pop("mine")
    found = selectors.assessments_for_team(user=request.user, status=data.get("status") or "",
                                           mine=bool(data.get("mine")) and not everyone)
    page = page_of(request, found, 50)
    note_client_reads(request, [assessment.client_id for assessment in page.object_list])
    status = AssessmentStatus(data["status"]).label if data.get("status") else ""
    return render(request, "charging/assessments.html", {
        "form": form, "page": page, "everyone": everyone,
        "caption": f"{status} assessments" if status else "Assessments",
    })


@require_safe
@rule_required("charging.view_approvals")
def approvals(request):
    """Submitted assessments waiting for a team leader (auditors read the queue too)."""
    waiting = list(selectors.assessments_awaiting_approval(user=request.user))
    return render(request, "charging/approvals.html", {"waiting": waiting})
