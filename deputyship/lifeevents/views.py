"""The client affairs casework list (card top-ups due, estates awaiting a grant, life event tasks), and a client's
life events and registers: the page, and its forms, each one service call."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.rules import can, rule_required
from deputyship.authority.views import form_page, posted
from deputyship.lifeevents import selectors, services
from deputyship.lifeevents.forms import (
    BenefitCheckForm, CherishedDocumentForm, ClientDebtForm, DocumentMoveForm, DocumentReturnForm, FuneralPlanForm,
    InvestmentForm, InvestmentReviewForm, LifeEventForm, TaxReturnFiledForm, TaxReturnForm,
)
from people.views import client_in_url


def investment_in_url(request, pk, **kwargs):
    return selectors.access_investment(user=request.user, pk=pk)


def tax_return_in_url(request, pk, **kwargs):
    return selectors.access_tax_return(user=request.user, pk=pk)


def document_in_url(request, pk, **kwargs):
    return selectors.access_document(user=request.user, pk=pk)


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


def life_url(client, section: str = "") -> str:
    return reverse("deputyship:client-life", args=[client.pk]) + (f"#{section}" if section else "")


@require_safe
@rule_required("deputyship.view_any")
def casework(request):
    return render(request, "deputyship/lifeevents/casework.html", {
        "topups": selectors.card_topups_due(user=request.user)[:200],
        "estates": selectors.estates_awaiting_grant(user=request.user)[:200],
        "tasks": selectors.life_event_tasks_open(user=request.user)[:200],
    })


@require_safe
@rule_required("deputyship.view_client", obj=client_in_url)
def client_life(request, pk):
    client = request.rule_object
    return render(request, "deputyship/lifeevents/client_life.html", {
        "client": client, "may_work": can(request.user, "deputyship.work_client", client),
        **selectors.client_life_context(client=client)})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def life_event_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=LifeEventForm(posted(request)), client=client,
        action=lambda d: services.life_event_record(acting_user=request.user, client=client, **d),
        done="Life event recorded: its checklist is given as tasks", next_url=life_url(client, "life-events"),
        heading="Record a life event", button="Record the event",
        intro=["Each item of the event's checklist is given as a task: to the officer holding the client's case, "
               "and the home's items to the property team (or, if the property team does not hold the client, to "
               "the officer to refer the client to it). Recording the same event on the same date again gives "
               "nothing more."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def investment_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=InvestmentForm(posted(request)), client=client,
        action=lambda d: services.investment_record(acting_user=request.user, client=client, **d),
        done="Investment recorded", next_url=life_url(client, "investments"), heading="Add an investment")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=investment_in_url)
def investment_review(request, pk):
    investment = request.rule_object
    return form_page(
        request, form=InvestmentReviewForm(posted(request)), client=investment.client,
        action=lambda d: services.investment_review_record(acting_user=request.user, investment=investment, **d),
        done="Investment review recorded", next_url=life_url(investment.client, "investments"),
        heading=f"Record the review of the investment with {investment.provider}", button="Record the review",
        intro=[f"Last valued at £{investment.value:,.2f} on {_day(investment.valued_on)}. The next review's "
               f"task is given {services.INVESTMENT_REVIEW_NOTICE_DAYS} days before its date."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def tax_return_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=TaxReturnForm(posted(request)), client=client,
        action=lambda d: services.tax_return_record(acting_user=request.user, client=client, **d),
        done="Tax return due recorded", next_url=life_url(client, "tax-returns"),
        heading="Add a self assessment tax return due",
        intro=["A return filed online is due on 31 January after the tax year ends on 5 April (gov.uk, "
               "\u201cSelf Assessment tax returns: deadlines\u201d). A task to file it is given "
               f"{services.TAX_RETURN_NOTICE_DAYS} days before."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=tax_return_in_url)
def tax_return_filed(request, pk):
    tax_return = request.rule_object
    return form_page(
        request, form=TaxReturnFiledForm(posted(request)), client=tax_return.client,
        action=lambda d: services.tax_return_filed(acting_user=request.user, tax_return=tax_return, **d),
        done="Tax return filed", next_url=life_url(tax_return.client, "tax-returns"),
        heading=f"Record the {tax_return.year_ending - 1} to {tax_return.year_ending} tax return filed",
        button="Record it filed", intro=[f"Due by {_day(tax_return.due_on)}: {tax_return.reason}."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def funeral_plan_decide(request, pk):
    client = request.rule_object
    return form_page(
        request, form=FuneralPlanForm(posted(request)), client=client,
        action=lambda d: services.funeral_plan_decide(acting_user=request.user, client=client, **d),
        done="Funeral plan decision recorded", next_url=life_url(client, "funeral-plan"),
        heading="Record a funeral plan decision", button="Record the decision")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def client_debt_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=ClientDebtForm(posted(request)), client=client,
        action=lambda d: services.client_debt_record(acting_user=request.user, client=client, **d),
        done="Debt recorded", next_url=life_url(client, "debts"), heading="Add a debt the client owes")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def benefit_check_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=BenefitCheckForm(posted(request)), client=client,
        action=lambda d: services.benefit_check_record(acting_user=request.user, client=client, **d),
        done="Benefit check recorded", next_url=life_url(client, "benefit-checks"),
        heading="Record a benefit check", button="Record the check")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def cherished_document_add(request, pk):
    client = request.rule_object
    return form_page(
        request, form=CherishedDocumentForm(posted(request)), client=client,
        action=lambda d: services.cherished_document_record(acting_user=request.user, client=client, **d),
        done="Document added to the register", next_url=life_url(client, "documents"),
        heading="Add a document to the cherished documents register", button="Add the document")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=document_in_url)
def cherished_document_move(request, pk):
    document = request.rule_object
    return form_page(
        request, form=DocumentMoveForm(posted(request)), client=document.client,
        action=lambda d: services.cherished_document_move(acting_user=request.user, document=document, **d),
        done="Document moved", next_url=life_url(document.client, "documents"),
        heading=f"Move the {document.get_kind_display().lower()}: {document.description}", button="Move it",
        intro=[f"Kept now at: {document.location}."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=document_in_url)
def cherished_document_return(request, pk):
    document = request.rule_object
    return form_page(
        request, form=DocumentReturnForm(posted(request)), client=document.client,
        action=lambda d: services.cherished_document_return(acting_user=request.user, document=document, **d),
        done="Document returned", next_url=life_url(document.client, "documents"),
        heading=f"Return the {document.get_kind_display().lower()}: {document.description}",
        button="Record it returned",
        intro=["When the council no longer needs a document it goes back to the body that issued it (a passport "
               "to HM Passport Office, a driving licence to the DVLA) or to the person entitled to it."])
