"""A client's prepaid card: the page that shows it, and the forms that record the money management agreement, issue
the card, change its agreed weekly spend, record its balance, end it and import its statements. Each form is one
service call."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.authority.views import form_page, posted
from deputyship.cards import selectors, services
from deputyship.cards.forms import (
    AgreementForm, BalanceForm, CardEndForm, CardIssueForm, CardStatementForm, WeeklySpendForm,
)
from people.views import client_in_url, show_service_errors


def card_in_url(request, pk, **kwargs):
    return selectors.access_card(user=request.user, pk=pk)


def cards_url(client) -> str:
    return reverse("deputyship:client-cards", args=[client.pk])


@require_safe
@rule_required("deputyship.view_client", obj=client_in_url)
def client_cards(request, pk):
    client = request.rule_object
    return render(request, "deputyship/cards/client_cards.html", {
        "client": client, "may_work": can(request.user, "deputyship.work_client", client),
        **selectors.cards_context(client=client)})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def agreement_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=AgreementForm(posted(request)), client=client,
        action=lambda d: services.money_management_agreement_record(acting_user=request.user, client=client, **d),
        done="Money management agreement recorded", next_url=cards_url(client),
        heading="Record a money management agreement",
        intro=["A care provider may hold the client's prepaid card only once it has signed the council's third-party "
               "money management agreement for this client. Record it when the signed copy is back."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def card_issue(request, pk):
    client = request.rule_object
    if selectors.card_in_use(client=client) is not None:
        messages.error(request, "The client already has a card in use: end it before issuing another.")
        return redirect(cards_url(client))
    form = CardIssueForm(posted(request), agreements=selectors.agreements_in_force(client=client,
                                                                                   on=timezone.localdate()))
    return form_page(
        request, form=form, client=client,
        action=lambda d: services.prepaid_card_issue(acting_user=request.user, client=client, **d),
        done="Prepaid card recorded: it is topped up to the agreed weekly spend each Monday",
        next_url=cards_url(client), heading="Record a prepaid card", button="Record the card",
        intro=["Each Monday the card is topped up from the client's money to the agreed weekly spend: the agreed "
               "amount less the card's balance as last recorded."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=card_in_url)
def weekly_spend_change(request, pk):
    card = request.rule_object
    return form_page(
        request, form=WeeklySpendForm(posted(request)), client=card.client,
        action=lambda d: services.card_weekly_spend_change(acting_user=request.user, card=card, **d),
        done="Weekly spend changed: the next top-up is to the new amount", next_url=cards_url(card.client),
        heading="Change the agreed weekly spend", button="Change the weekly spend",
        intro=[f"The {card} is agreed at £{card.weekly_spend:,.2f} a week. The next Monday's top-up brings it up "
               "to the new amount, made for you as the officer who agreed it."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=card_in_url)
def balance_record(request, pk):
    card = request.rule_object
    return form_page(
        request, form=BalanceForm(posted(request)), client=card.client,
        action=lambda d: services.card_balance_record(acting_user=request.user, card=card, **d),
        done="Card balance recorded", next_url=cards_url(card.client), heading="Record the card's balance",
        intro=["The balance you have seen on a receipt or the provider's website. The next top-up is the agreed "
               "weekly spend less this balance."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=card_in_url)
def card_end(request, pk):
    card = request.rule_object
    return form_page(
        request, form=CardEndForm(posted(request)), client=card.client,
        action=lambda d: services.prepaid_card_end(acting_user=request.user, card=card, **d),
        done="Card ended: it is no longer topped up", next_url=cards_url(card.client),
        heading=f"End the {card}", button="End the card",
        intro=["An ended card is not topped up again. Ask the provider to cancel it, and record any balance it is "
               "to return."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=card_in_url)
def statement_import(request, pk):
    card = request.rule_object
    form = CardStatementForm(request.POST if request.method == "POST" else None,
                             request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            statement = services.card_statement_import(acting_user=request.user, card=card, filename=upload.name,
                                                       content=upload.read())
        except ApplicationError as exc:
            if exc.extra:
                form.add_error(None, "The statement was not imported and nothing was recorded:")
            show_service_errors(form, exc)
        else:
            messages.success(request, f"{statement.filename}: {statement.lines} lines, £{statement.spent:,.2f} spent "
                                      f"and £{statement.loaded:,.2f} loaded; closing balance "
                                      f"£{statement.closing_balance:,.2f}")
            return redirect(cards_url(card.client))
    return render(request, "deputyship/authority/form_page.html", {
        "form": form, "client": card.client, "heading": f"Import a statement of the {card}",
        "button": "Import the statement", "back_url": cards_url(card.client),
        "intro": ["Every line is checked before anything is kept: a file with any fault is refused whole, with each "
                  "fault listed. The same file imported again is recognised and recorded only once."]})
