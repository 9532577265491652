"""A client's death: recording it, the notification letters, funeral costs with the executor's consent, the final
account, the grant and the estate's release, and the Bona Vacantia decision. Each form is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.authority.views import form_page, posted
from deputyship.death import selectors, services
from deputyship.death.forms import (
    BonaVacantiaForm, DeathForm, FinalAccountForm, FuneralConsentForm, FuneralPaymentForm, GrantForm, ReleaseForm,
)
from people.views import client_in_url


def death_in_url(request, pk, **kwargs):
    return selectors.access_death(user=request.user, pk=pk)


def consent_in_url(request, pk, **kwargs):
    return selectors.access_funeral_consent(user=request.user, pk=pk)


def death_url(client) -> str:
    return reverse("deputyship:death-detail", args=[client.pk])


@require_safe
@rule_required("deputyship.view_client", obj=client_in_url)
def death_detail(request, pk):
    client = request.rule_object
    death = selectors.death_of(client)
    context = {"client": client, "death": death, "may_work": can(request.user, "deputyship.work_client", client)}
    if death is not None:
        context.update(selectors.death_context(death=death))
    return render(request, "deputyship/death/detail.html", context)


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def death_record(request, pk):
    client = request.rule_object
    if selectors.death_of(client) is not None:
        messages.error(request, "The client's death is already recorded.")
        return redirect(death_url(client))
    return form_page(
        request, form=DeathForm(posted(request)), client=client,
        action=lambda d: services.death_record(acting_user=request.user, client=client, **d),
        done="Death recorded: the authority has ended, the notification letters and tasks are made",
        next_url=death_url(client), heading="Record the client's death", button="Record the death",
        intro=["The council's legal authority ends on the date of death. A letter is made to the Office of the "
               "Public Guardian and the Court of Protection (for a deputyship), and to each executor, relative and "
               "organisation on the client's Contacts tab, each under a task to see it is sent; from then on the "
               "client's money pays only funeral costs with the executor's consent, and the estate's release."])


@require_POST
@rule_required("deputyship.work_client", obj=death_in_url)
def death_letters(request, pk):
    death = request.rule_object
    try:
        made = services.death_letters_send(acting_user=request.user, death=death)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{len(made)} {'letter' if len(made) == 1 else 'letters'} made")
    return redirect(death_url(death.client))


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=death_in_url)
def funeral_consent_add(request, pk):
    death = request.rule_object
    return form_page(
        request, form=FuneralConsentForm(posted(request)), client=death.client,
        action=lambda d: services.funeral_consent_record(acting_user=request.user, death=death, **d),
        done="Consent recorded", next_url=death_url(death.client), heading="Record the executor's consent to "
                                                                           "the funeral costs",
        intro=["Funeral costs are the only payments the client's money may make before the grant, and only to the "
               "funeral director and up to the amount the executor (or next of kin) has agreed."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=consent_in_url)
def funeral_cost_pay(request, pk):
    consent = request.rule_object
    death = consent.death
    form = FuneralPaymentForm(posted(request))
    return form_page(
        request, form=form, client=death.client,
        action=lambda d: services.funeral_cost_pay(
            acting_user=request.user, consent=consent, amount=d["amount"], effective_date=d["effective_date"],
            reference=d["reference"], idempotency_key=f"funeral:{consent.pk}:{d['request_key']}"),
        done="Funeral costs paid", next_url=death_url(death.client), button="Pay the funeral costs",
        heading=f"Pay {consent.funeral_director}",
        intro=[f"With the consent of {consent.consented_by}, up to £{consent.amount:,.2f} in all; "
               f"£{services.funeral_consent_remaining(death):,.2f} of the consents is not yet paid."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=death_in_url)
def final_account(request, pk):
    death = request.rule_object
    prepared = getattr(death, "final_account", None)
    if prepared is not None and request.method == "POST":
        try:
            services.final_account_render(acting_user=request.user, death=death)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Final account made as a PDF")
        return redirect(death_url(death.client))
    return form_page(
        request, form=FinalAccountForm(posted(request)), client=death.client,
        action=lambda d: services.final_account_render(acting_user=request.user, death=death, as_at=d["as_at"]),
        done="Final account prepared and made as a PDF", next_url=death_url(death.client),
        heading="Prepare the final account", button="Prepare the final account",
        intro=["The balance of the client's money on the date of death, the money in and out since and the balance "
               "on the date you give, from the ledger. It is prepared once and kept with the client's letters."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=death_in_url)
def grant_record(request, pk):
    death = request.rule_object
    return form_page(
        request, form=GrantForm(posted(request)), client=death.client,
        action=lambda d: services.grant_record(acting_user=request.user, death=death, **d),
        done="Grant recorded", next_url=death_url(death.client),
        heading="Record the grant of probate or letters of administration",
        intro=["Record it once you have seen the grant (or an official copy). The estate can then be released to "
               "the person it names."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=death_in_url)
def estate_release(request, pk):
    death = request.rule_object
    grant = getattr(death, "grant", None)
    intro = ([f"Everything the client's money holds is paid to {grant.granted_to}, named in the "
              f"{grant.get_kind_display().lower()} {grant.reference}, once."] if grant else
             ["No grant is recorded yet: the estate cannot be released until it is."])
    return form_page(
        request, form=ReleaseForm(posted(request)), client=death.client,
        action=lambda d: services.estate_release(acting_user=request.user, death=death, **d),
        done="Estate released", next_url=death_url(death.client), heading="Release the estate",
        button="Release the estate", intro=intro)


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=death_in_url)
def bona_vacantia(request, pk):
    death = request.rule_object
    return form_page(
        request, form=BonaVacantiaForm(posted(request)), client=death.client,
        action=lambda d: services.bona_vacantia_decide(acting_user=request.user, death=death, **d),
        done="Bona Vacantia decision recorded", next_url=death_url(death.client),
        heading="Refer the estate to the Bona Vacantia Division?",
        intro=["The Government Legal Department's Bona Vacantia Division does not deal with an estate where there "
               "is a valid will, known or likely entitled relatives, a grant already issued, a net estate under "
               "£500 after funeral costs and debts, or an insolvent estate (gov.uk, \u201cRefer a deceased "
               "person's estate to the Treasury Solicitor\u201d). A referral it would refuse is refused here; not "
               "referring an estate it would take needs your reason."])
