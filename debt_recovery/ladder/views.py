"""Pages of the recovery ladder and holds: the ladder's steps (a team leader changes them, with a
reason), the overdue list, a debtor's place on the ladder with its history and holds, and the forms
that place, review and release a hold. Thin: a form, one service, a redirect with a message."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.pagination import page_of
from core.rules import can, rule_required
from debt_recovery.accounts.selectors import access_debtor_account, debtor_accounts_visible_to
from debt_recovery.holds import services as hold_services
from debt_recovery.holds.models import Hold
from debt_recovery.holds.selectors import debtor_holds, holds_due_for_review, holds_in_force, is_on_hold
from debt_recovery.ladder import services
from debt_recovery.ladder.forms import HoldPlaceForm, HoldReleaseForm, HoldReviewForm, LadderStepForm
from debt_recovery.ladder.models import LadderPosition, LadderStep
from debt_recovery.ladder.selectors import ladder_history, ladder_position, ladder_steps, overdue_debts
from people.views import _posted, show_service_errors
from people.selectors import today


def debtor_in_url(request, pk, **kwargs):
    return access_debtor_account(user=request.user, pk=pk)


def hold_in_url(request, pk, **kwargs):
    try:
        return Hold.objects.select_related("debtor__client").get(
            pk=pk, debtor__in=debtor_accounts_visible_to(user=request.user))
    except (Hold.DoesNotExist, ValueError):
        raise Http404("No hold found") from None


# --- the ladder's steps ----------------------------------------------------------------------------

@require_safe
@rule_required("debt_recovery.view_ladder")
def ladder(request):
    return render(request, "debt_recovery/ladder/ladder.html", {
        "steps": ladder_steps(), "can_change": can(request.user, "debt_recovery.configure_ladder")})


def _step_form(request, *, step=None):
    initial = None
    if step is not None:
        initial = {f: getattr(step, f) for f in services.STEP_FIELDS}
    form = LadderStepForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if step is None:
                services.ladder_step_create(acting_user=request.user, reason=form.cleaned_data["reason"],
                                            **form.service_data())
            else:
                services.ladder_step_update(acting_user=request.user, step=step, reason=form.cleaned_data["reason"],
                                            **form.service_data())
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Ladder step saved. It applies from the next ladder run.")
            return redirect("debt_recovery:ladder")
    return render(request, "debt_recovery/ladder/step_form.html", {"form": form, "step": step,
                                                                     "back_url": reverse("debt_recovery:ladder")})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.configure_ladder")
def step_add(request):
    return _step_form(request)


def step_in_url(request, pk, **kwargs):
    try:
        return LadderStep.objects.get(pk=pk)
    except (LadderStep.DoesNotExist, ValueError):
        raise Http404("No ladder step found") from None


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.configure_ladder", obj=step_in_url)
def step_edit(request, pk):
    return _step_form(request, step=request.rule_object)


@require_safe
@rule_required("debt_recovery.view_ladder", obj=step_in_url)
def step_history(request, pk):
    step = request.rule_object
    return render(request, "debt_recovery/ladder/step_history.html", {
        "step": step, "records": step.history.select_related("history_user").order_by("-history_date")})


# --- overdue debts and a debtor's place on the ladder -------------------------------------------------

@require_safe
@rule_required("debt_recovery.view_ladder")
def overdue(request):
    """The debts on the ladder that the user may see, furthest up first; ``?step=`` narrows to one step."""
    positions = (LadderPosition.objects.filter(episode_started_on__isnull=False,
                                               debtor__in=debtor_accounts_visible_to(user=request.user))
                 .select_related("debtor__client", "last_step")
                 .order_by("-last_step__position", "episode_started_on", "debtor__reference"))
    step = request.GET.get("step", "")
    chosen = None
    if step.isdigit():
        chosen = LadderStep.objects.filter(pk=int(step)).first()
        positions = positions.filter(last_step_id=int(step))
    page = page_of(request, positions, 50)
    held = set(holds_in_force().filter(debtor__in=[p.debtor for p in page.object_list])
               .values_list("debtor_id", flat=True))
    return render(request, "debt_recovery/ladder/overdue.html", {
        "page": page, "held": held, "steps": ladder_steps(), "chosen": chosen, "on": today()})


@require_safe
@rule_required("debt_recovery.view_client_debts", obj=debtor_in_url)
def debtor_ladder(request, pk):
    debtor = request.rule_object
    on = today()
    return render(request, "debt_recovery/ladder/debtor_ladder.html", {
        "debtor": debtor, "client": debtor.client, "position": ladder_position(debtor),
        "found": overdue_debts(on=on, debtor_ids=[debtor.pk]).get(debtor.pk), "history": ladder_history(debtor),
        "holds": debtor_holds(debtor), "on_hold": is_on_hold(debtor, on), "on": on,
        "can_work": can(request.user, "debt_recovery.work_client", debtor)})


# --- holds -------------------------------------------------------------------------------------------

@require_safe
@rule_required("debt_recovery.view_ladder")
def holds(request):
    """Holds in force on the debts the user may see, review date first; ``?due=1``: those due for review."""
    found = (holds_due_for_review() if request.GET.get("due") else holds_in_force()).filter(
        debtor__in=debtor_accounts_visible_to(user=request.user)).select_related("debtor__client", "placed_by")
    return render(request, "debt_recovery/ladder/holds.html", {
        "page": page_of(request, found.order_by("review_on", "id"), 50), "due": bool(request.GET.get("due")),
        "on": today()})


def _debtor_url(debtor) -> str:
    return reverse("debt_recovery:debtor-ladder", args=[debtor.pk])


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=debtor_in_url)
def hold_place(request, pk):
    debtor = request.rule_object
    form = HoldPlaceForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            hold_services.hold_place(acting_user=request.user, debtor=debtor, **form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Hold placed: the recovery ladder will not act on this debt until it is released.")
            return redirect(_debtor_url(debtor))
    return render(request, "debt_recovery/ladder/hold_form.html", {
        "form": form, "debtor": debtor, "client": debtor.client, "heading": "Place a hold", "button": "Place hold",
        "back_url": _debtor_url(debtor)})


def _hold_form(request, *, form_class, heading, button, action, success):
    hold = request.rule_object
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            action(hold, form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(_debtor_url(hold.debtor))
    return render(request, "debt_recovery/ladder/hold_form.html", {
        "form": form, "hold": hold, "debtor": hold.debtor, "client": hold.debtor.client, "heading": heading,
        "button": button, "back_url": _debtor_url(hold.debtor)})


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=hold_in_url)
def hold_release(request, pk):
    return _hold_form(request, form_class=HoldReleaseForm, heading="Release the hold", button="Release hold",
                      action=lambda hold, data: hold_services.hold_release(acting_user=request.user, hold=hold,
                                                                           note=data["note"]),
                      success="Hold released: the recovery ladder resumes at its next run.")


@require_http_methods(["GET", "POST"])
@rule_required("debt_recovery.work_client", obj=hold_in_url)
def hold_review(request, pk):
    return _hold_form(request, form_class=HoldReviewForm, heading="Review the hold", button="Keep the hold",
                      action=lambda hold, data: hold_services.hold_review(acting_user=request.user, hold=hold,
                                                                          review_on=data["review_on"],
                                                                          note=data["note"]),
                      success="Hold kept until its next review date.")
