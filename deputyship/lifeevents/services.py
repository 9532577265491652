"""Life events and the client's registers: writes, each checked and recorded with a reason.

- :func:`life_event_record` turns an event into its checklist (:mod:`deputyship.lifeevents.checklists`):
  one task per item, once (``LifeEventTask`` is unique per event and item).
- :func:`lifeevents_daily_run` is the daily job: a review task for each investment whose review date is
  near, and a task for each tax return ahead of its due date, each given once.
- Tax returns filed online are due on 31 January after the tax year ends on 5 April (gov.uk,
  "Self Assessment tax returns: deadlines", https://www.gov.uk/self-assessment-tax-returns/deadlines)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.context import system_user
from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deputyship.lifeevents.checklists import CHECKLISTS, PROPERTY_TEAM
from deputyship.lifeevents.choices import (
    BenefitOutcome, DocumentKind, FuneralPlanOutcome, InvestmentKind, LifeEventKind,
)
from deputyship.lifeevents.models import (
    BenefitCheck, CherishedDocument, ClientDebt, FuneralPlanDecision, Investment, LifeEvent, LifeEventTask, TaxReturn,
)

#: How many days before an investment's review date its review task is given (the service's choice).
INVESTMENT_REVIEW_NOTICE_DAYS = 30
#: How many days before a tax return is due its task is given (the service's choice: time to gather the
#: year's figures from the ledger and the providers).
TAX_RETURN_NOTICE_DAYS = 60


class LifeEventError(ApplicationError):
    code = "life_event"


def _text(value, what: str, limit: int = 200, *, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise LifeEventError(f"Give the {what}.")
    if len(text) > limit:
        raise LifeEventError(f"Keep the {what} to {limit} characters.")
    return text


def _money(value, what: str, *, allow_negative: bool = False) -> Decimal:
    if isinstance(value, float):
        raise LifeEventError(f"The {what} must be an exact amount, never a float.")
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("£"))
    except (InvalidOperation, ValueError):
        raise LifeEventError(f"The {what} must be an amount in pounds and pence.") from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise LifeEventError(f"The {what} must be an amount in pounds and pence.")
    if amount < 0 and not allow_negative:
        raise LifeEventError(f"The {what} cannot be below £0.00.")
    return amount


def _not_future(day: dt.date, what: str) -> dt.date:
    if not isinstance(day, dt.date):
        raise LifeEventError(f"Give the {what}.")
    if day > timezone.localdate():
        raise LifeEventError(f"The {what} cannot be in the future.")
    return day


def _case_officer(client, service):
    from people.models import Allocation

    allocation = (Allocation.objects.filter(client=client, service=service, end_date__isnull=True,
                                            officer__isnull=False, officer__is_active=True)
                  .select_related("officer").first())
    return allocation.officer if allocation is not None else None


def property_team_officer(client):
    """The property team's officer holding the client's property case, or None when the property team does not
    hold the client (a property team member who does not hold the client cannot open the client's record)."""
    from people.choices import Service

    return _case_officer(client, Service.PROPERTY)


#: The title of the task given to the client affairs officer when the property team does not yet hold the client.
REFER_TO_PROPERTY_TEAM = "Refer the home to the property team (they do not hold this client yet)"


def _property_task(client, item, officer) -> tuple[str, object, str]:
    """(title, person, details) for a property team item: its officer if the property team holds the client;
    otherwise the client affairs officer, asked to refer the client so a property team leader allocates the
    property case (people's caseloads) and the property team can then do the item."""
    property_officer = property_team_officer(client)
    if property_officer is not None:
        return f"{client.display_name}: {item.title}", property_officer, item.why
    details = (f"Ask a property team leader to take on the client's property case (Caseloads), then hand them "
               f"this item: {item.title}. {item.why}").strip()
    return f"{client.display_name}: {REFER_TO_PROPERTY_TEAM}", officer, details


# --- life events ----------------------------------------------------------------------------------

def life_event_record(*, acting_user, client, kind: str, happened_on: dt.date, note: str = "") -> LifeEvent:
    """Record the event and give each item of its checklist as a task; recording the same event (client,
    kind, date) again returns it and gives nothing more."""
    from people.choices import Service
    from people.services import task_create

    require(acting_user, "deputyship.work_client", client)
    if kind not in LifeEventKind.values:
        raise LifeEventError("Choose what happened.")
    _not_future(happened_on, "date it happened")
    note = _text(note, "note", 2000, required=False)
    with transaction.atomic():
        existing = LifeEvent.objects.select_for_update().filter(client=client, kind=kind,
                                                               happened_on=happened_on).first()
        if existing is not None:
            return existing
        officer = _case_officer(client, Service.CLIENT_AFFAIRS) or acting_user
        event = LifeEvent(client=client, kind=kind, happened_on=happened_on, note=note, recorded_by=acting_user)
        save_attributed(event, user=acting_user, reason=f"{event.get_kind_display()} recorded")
        start = max(happened_on, timezone.localdate())
        for item in CHECKLISTS[kind]:
            title, person, details = (_property_task(client, item, officer) if item.who == PROPERTY_TEAM
                                      else (f"{client.display_name}: {item.title}", officer, item.why))
            task = task_create(
                acting_user=acting_user, title=title, client=client, subject=event, assigned_to=person,
                due_date=start + dt.timedelta(days=item.due_in_days), details=details)
            save_attributed(LifeEventTask(event=event, item=item.key, task=task), user=acting_user,
                            reason="Checklist item given")
    return event


def life_event_progress(event: LifeEvent) -> tuple[int, int]:
    """(done, all) of the event's checklist."""
    items = list(event.checklist.select_related("task"))
    return sum(1 for item in items if item.task.status == "done"), len(items)


# --- investments, tax returns and the daily job -----------------------------------------------------

def investment_record(*, acting_user, client, kind: str, provider: str, value, valued_on: dt.date,
                      review_on: dt.date) -> Investment:
    require(acting_user, "deputyship.work_client", client)
    if kind not in InvestmentKind.values:
        raise LifeEventError("Choose the kind of investment.")
    provider = _text(provider, "provider")
    value = _money(value, "value")
    _not_future(valued_on, "valuation date")
    if review_on < valued_on:
        raise LifeEventError("The review date must be on or after the valuation date.")
    investment = Investment(client=client, kind=kind, provider=provider, value=value, valued_on=valued_on,
                            review_on=review_on)
    save_attributed(investment, user=acting_user, reason="Investment recorded")
    return investment


def investment_review_record(*, acting_user, investment: Investment, value, valued_on: dt.date,
                             next_review_on: dt.date) -> Investment:
    """The review is done: the new value and the next review date (its task is given afresh when due)."""
    require(acting_user, "deputyship.work_client", investment.client)
    value = _money(value, "value")
    _not_future(valued_on, "valuation date")
    if next_review_on <= valued_on:
        raise LifeEventError("The next review must be after this one.")
    with transaction.atomic():
        investment = Investment.objects.select_for_update().get(pk=investment.pk)
        investment.value, investment.valued_on, investment.review_on = value, valued_on, next_review_on
        investment.review_task = None
        save_attributed(investment, user=acting_user, reason="Investment reviewed")
    return investment


def tax_return_due_on(year_ending: int) -> dt.date:
    """An online self assessment return for the tax year ending 5 April ``year_ending`` is due on 31 January
    of the next year (gov.uk, "Self Assessment tax returns: deadlines")."""
    return dt.date(year_ending + 1, 1, 31)


def tax_return_record(*, acting_user, client, year_ending: int, reason: str) -> TaxReturn:
    require(acting_user, "deputyship.work_client", client)
    if not isinstance(year_ending, int) or not 2000 <= year_ending <= 2100:
        raise LifeEventError("Give the year the tax year ends in (for 2025 to 2026, 2026).")
    reason = _text(reason, "reason a return is needed")
    with transaction.atomic():
        existing = TaxReturn.objects.filter(client=client, year_ending=year_ending).first()
        if existing is not None:
            return existing
        tax_return = TaxReturn(client=client, year_ending=year_ending, due_on=tax_return_due_on(year_ending),
                               reason=reason)
        save_attributed(tax_return, user=acting_user, reason="Tax return due recorded")
    return tax_return


def tax_return_filed(*, acting_user, tax_return: TaxReturn, filed_on: dt.date) -> TaxReturn:
    require(acting_user, "deputyship.work_client", tax_return.client)
    _not_future(filed_on, "date filed")
    with transaction.atomic():
        tax_return = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        tax_return.filed_on = filed_on
        save_attributed(tax_return, user=acting_user, reason="Tax return filed")
    return tax_return


def lifeevents_daily_run(*, on: dt.date) -> dict:
    """Give each investment review task and each tax return task whose notice period has begun.

    Unique outputs: ``Investment.review_task`` and ``TaxReturn.task`` are set once (only while empty), in
    the same transaction as the task, so a re-run or a run after a crash gives nothing twice."""
    from people.choices import Service
    from people.services import task_create

    job_user = system_user()
    counts = {"investment_reviews": 0, "tax_returns": 0}
    due_reviews = Investment.objects.filter(ended_on__isnull=True, review_task__isnull=True,
                                            review_on__lte=on + dt.timedelta(days=INVESTMENT_REVIEW_NOTICE_DAYS))
    for investment in due_reviews.order_by("pk"):
        with transaction.atomic():
            investment = Investment.objects.select_for_update().get(pk=investment.pk)
            officer = _case_officer(investment.client, Service.CLIENT_AFFAIRS)
            if investment.review_task_id is not None or officer is None:
                continue
            investment.review_task = task_create(
                acting_user=officer, assigned_to=officer,
                title=f"{investment.client.display_name}: review the investment with {investment.provider}",
                due_date=investment.review_on, client=investment.client, subject=investment)
            save_attributed(investment, user=job_user, reason="Investment review task given")
            counts["investment_reviews"] += 1
    due_returns = TaxReturn.objects.filter(filed_on__isnull=True, task__isnull=True,
                                           due_on__lte=on + dt.timedelta(days=TAX_RETURN_NOTICE_DAYS))
    for tax_return in due_returns.order_by("pk"):
        with transaction.atomic():
            tax_return = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
            officer = _case_officer(tax_return.client, Service.CLIENT_AFFAIRS)
            if tax_return.task_id is not None or officer is None:
                continue
            tax_return.task = task_create(
                acting_user=officer, assigned_to=officer, due_date=tax_return.due_on, client=tax_return.client,
                subject=tax_return,
                title=f"{tax_return.client.display_name}: file the {tax_return.year_ending - 1}-"
                      f"{str(tax_return.year_ending)[2:]} self assessment return "
                      f"by {tax_return.due_on.day} {tax_return.due_on:%B %Y}")
            save_attributed(tax_return, user=job_user, reason="Tax return task given")
            counts["tax_returns"] += 1
    return counts


# --- funeral plan -------------------------------------------------------------------------------

def funeral_plan_threshold() -> Decimal | None:
    """``DEPUTYSHIP_FUNERAL_PLAN_CAPITAL_THRESHOLD``: capital at or above which a funeral plan is to be
    considered. A council's own policy: no national figure, so unset (no flag) until the council sets it."""
    value = getattr(settings, "DEPUTYSHIP_FUNERAL_PLAN_CAPITAL_THRESHOLD", None)
    return Decimal(str(value)) if value not in (None, "") else None


def funeral_plan_flagged(client) -> bool:
    """The client's money held is at or above the threshold and no decision on a funeral plan is recorded."""
    from ledger.selectors import available_funds

    threshold = funeral_plan_threshold()
    if threshold is None or FuneralPlanDecision.objects.filter(client=client).exists():
        return False
    return available_funds(client=client) >= threshold


def funeral_plan_decide(*, acting_user, client, outcome: str, decided_on: dt.date,
                        note: str = "") -> FuneralPlanDecision:
    require(acting_user, "deputyship.work_client", client)
    if outcome not in FuneralPlanOutcome.values:
        raise LifeEventError("Choose the outcome.")
    _not_future(decided_on, "decision date")
    note = _text(note, "note", 2000, required=outcome == FuneralPlanOutcome.NOT_SUITABLE)
    decision = FuneralPlanDecision(client=client, outcome=outcome, decided_on=decided_on, note=note,
                                   decided_by=acting_user)
    save_attributed(decision, user=acting_user, reason="Funeral plan considered")
    return decision


# --- debts and benefit checks ----------------------------------------------------------------------

def client_debt_record(*, acting_user, client, creditor: str, balance, priority: bool, recorded_on: dt.date,
                       arrangement: str = "", monthly_payment=None, iva: bool = False) -> ClientDebt:
    require(acting_user, "deputyship.work_client", client)
    creditor = _text(creditor, "creditor")
    balance = _money(balance, "balance")
    arrangement = _text(arrangement, "arrangement", 300, required=False)
    if monthly_payment not in (None, ""):
        monthly_payment = _money(monthly_payment, "monthly payment")
        if monthly_payment <= 0:
            raise LifeEventError("The monthly payment must be more than £0.00.")
        if not arrangement:
            raise LifeEventError("Describe the arrangement the monthly payment is made under.")
    else:
        monthly_payment = None
    _not_future(recorded_on, "date recorded")
    debt = ClientDebt(client=client, creditor=creditor, balance=balance, priority=bool(priority),
                      arrangement=arrangement, monthly_payment=monthly_payment, iva=bool(iva), recorded_on=recorded_on)
    save_attributed(debt, user=acting_user, reason=f"Debt to {creditor} recorded")
    return debt


def benefit_check_record(*, acting_user, client, checked_on: dt.date, benefit: str, outcome: str,
                         weekly_gain=Decimal("0")) -> BenefitCheck:
    require(acting_user, "deputyship.work_client", client)
    _not_future(checked_on, "date of the check")
    benefit = _text(benefit, "benefit", 100)
    if outcome not in BenefitOutcome.values:
        raise LifeEventError("Choose the outcome of the check.")
    weekly_gain = _money(weekly_gain, "weekly change", allow_negative=True)
    if outcome == BenefitOutcome.AWARDED and weekly_gain <= 0:
        raise LifeEventError("An award or increase gains the client something each week: give the amount.")
    if outcome == BenefitOutcome.REDUCED and weekly_gain > 0:
        raise LifeEventError("A reduction cannot gain the client money each week.")
    if outcome in (BenefitOutcome.NO_CHANGE, BenefitOutcome.CLAIM_MADE, BenefitOutcome.REFUSED) and weekly_gain != 0:
        raise LifeEventError("This outcome changes nothing each week: leave the weekly change at £0.00.")
    check = BenefitCheck(client=client, checked_on=checked_on, benefit=benefit, outcome=outcome,
                         weekly_gain=weekly_gain, checked_by=acting_user)
    save_attributed(check, user=acting_user, reason="Benefit check recorded")
    return check


# --- cherished documents ---------------------------------------------------------------------------

def cherished_document_record(*, acting_user, client, kind: str, description: str, location: str,
                              received_on: dt.date) -> CherishedDocument:
    require(acting_user, "deputyship.work_client", client)
    if kind not in DocumentKind.values:
        raise LifeEventError("Choose the kind of document.")
    description = _text(description, "description")
    location = _text(location, "place it is kept")
    _not_future(received_on, "date received")
    document = CherishedDocument(client=client, kind=kind, description=description, location=location,
                                 received_on=received_on, recorded_by=acting_user)
    save_attributed(document, user=acting_user, reason=f"{document.get_kind_display()} added to the register")
    return document


def cherished_document_move(*, acting_user, document: CherishedDocument, location: str) -> CherishedDocument:
    require(acting_user, "deputyship.work_client", document.client)
    location = _text(location, "place it is kept")
    with transaction.atomic():
        document = CherishedDocument.objects.select_for_update().get(pk=document.pk)
        if document.returned_on is not None:
            raise LifeEventError("This document has been returned; the council no longer holds it.")
        document.location = location
        save_attributed(document, user=acting_user, reason=f"Moved to {location}")
    return document


def cherished_document_return(*, acting_user, document: CherishedDocument, returned_on: dt.date,
                              returned_to: str) -> CherishedDocument:
    """The document is no longer needed and goes back to the body that issued it (a passport to HM Passport
    Office, a licence to the DVLA)."""
    require(acting_user, "deputyship.work_client", document.client)
    returned_to = _text(returned_to, "body it was returned to")
    _not_future(returned_on, "date returned")
    with transaction.atomic():
        document = CherishedDocument.objects.select_for_update().get(pk=document.pk)
        if document.returned_on is not None:
            raise LifeEventError("This document has already been returned.")
        if returned_on < document.received_on:
            raise LifeEventError("A document cannot be returned before the council received it.")
        document.returned_on, document.returned_to = returned_on, returned_to
        save_attributed(document, user=acting_user, reason=f"Returned to {returned_to}")
    return document
