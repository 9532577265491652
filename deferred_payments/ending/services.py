"""Writing the end of an agreement: recording the sale or death (the debt falls due on sale, or 90 days
after death, whichever is sooner; interest continues until it is repaid), the money received (posted once to
the debt account through the ledger), settling when nothing is owed, the final settlement letter and the
task for legal services to remove the charge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed
from core.rules import require
from deferred_payments.agreements.choices import AgreementStatus, EndReason
from deferred_payments.agreements.models import Agreement
from deferred_payments.agreements.people import legal_contact_for, officer_for, task_give
from deferred_payments.ending.choices import ReceiptKind
from deferred_payments.ending.models import Ending, Repayment
from deferred_payments.ending.settlement import Settlement, SettlementError, settlement_figure
from ledger.choices import Purpose, TransactionKind
from ledger.services import PostingLine, transaction_post
from people.selectors import today

#: The debt is repaid on sale of the home, or 90 days after death, whichever is sooner (Care Act 2014 s.34;
#: Care and Support (Deferred Payment) Regulations 2014 reg 7; Statutory Guidance 9.76,
#: https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance).
DAYS_AFTER_DEATH = 90
#: The reminder before the 90 days lapse is due this many days before.
REMINDER_DAYS_BEFORE = 14
#: Legal services are asked to remove the charge within this many days of settlement.
RELEASE_DUE_DAYS = 28


class EndingError(ApplicationError):
    code = "invalid"


def ending_record(*, acting_user, agreement: Agreement, reason: str, event_on: dt.date) -> Ending:
    """The home was sold (``event_on``: completion) or the person died: the debt falls due on completion, or
    90 days after death, and the officer gets a task due before it lapses. Deferral stops from the day."""
    require(acting_user, "deferred_payments.work_client", agreement)
    if reason not in ("sale", "death"):
        raise EndingError("Choose sale or death.", extra={"reason": ["Choose why the agreement ends."]})
    if event_on is None or event_on > today():
        raise EndingError("The date cannot be in the future.", extra={"event_on": ["Enter a date today or before."]})
    if agreement.starts_on and event_on < agreement.starts_on:
        raise EndingError("The date is before the agreement started.",
                          extra={"event_on": [f"The agreement started on {agreement.starts_on:%d %B %Y}."]})
    due_on = event_on if reason == "sale" else event_on + dt.timedelta(days=DAYS_AFTER_DEATH)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status != AgreementStatus.ACTIVE:
            raise ConflictError("Only an active agreement can end this way.", code="not_active")
        ending = Ending(agreement=agreement, reason=reason, event_on=event_on, due_on=due_on, recorded_by=acting_user)
        officer = officer_for(agreement.client)
        if officer is not None:
            what = ("the home was sold" if reason == "sale" else
                    f"the debt falls due 90 days after death, on {due_on:%d %B %Y}; interest continues until it is paid")
            ending.due_task = task_give(
                by=acting_user, assigned_to=officer, agreement=agreement,
                title=f"Collect the deferred payment debt: {agreement.reference}",
                details=f"Agreement {agreement.reference} is ending: {what}. Send the settlement figure to whoever "
                        "is dealing with the sale or the estate and record the money when it comes.",
                due_date=max(today(), due_on - dt.timedelta(days=REMINDER_DAYS_BEFORE)) if reason == "death"
                else today() + dt.timedelta(days=REMINDER_DAYS_BEFORE),
                reason="Agreement ending")
        save_attributed(ending, user=acting_user, reason=f"Agreement ending: {reason} on {event_on:%d %B %Y}")
        agreement.status = AgreementStatus.ENDING
        agreement.end_reason = EndReason.SALE if reason == "sale" else EndReason.DEATH
        save_attributed(agreement, user=acting_user, reason=f"Ending: {reason}")
    return ending


def _council_bank(acting_user):
    from ledger.receivables import council_bank_account

    return council_bank_account(acting_user=acting_user)


def _interest_income(acting_user):
    from ledger.choices import AccountKind
    from ledger.receivables import _council_account

    # The council's one interest income account (found by purpose, so the interest job posts to the same one).
    return _council_account(acting_user=acting_user, purpose=Purpose.INTEREST_INCOME, name="Interest income",
                            kind=AccountKind.INCOME, reason="Interest income account opened")


def repayment_record(*, acting_user, agreement: Agreement, kind: str, amount, received_on: dt.date,
                     reference: str) -> Repayment:
    """Money received towards the debt, posted once to the debt account (the ledger's idempotency key
    ``dpa-repayment:<agreement>:<reference>``): the proceeds of the sale or the estate, or a part-payment
    (which may come at any time while the agreement runs). When the agreement is ending and nothing is owed
    after it, the agreement is settled."""
    require(acting_user, "deferred_payments.work_client", agreement)
    reference = (reference or "").strip()
    errors = {}
    if kind not in ReceiptKind.values:
        errors["kind"] = ["Choose what the money is."]
    try:
        amount = Decimal(str(amount))
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            errors["amount"] = ["Enter an amount more than £0, in pounds and pence."]
    except (InvalidOperation, ValueError):
        errors["amount"] = ["Enter an amount in pounds."]
    if received_on is None or received_on > today():
        errors["received_on"] = ["The date received cannot be in the future."]
    elif agreement.starts_on and received_on < agreement.starts_on:
        errors["received_on"] = ["The money cannot come before the agreement started."]
    if not reference:
        errors["reference"] = ["Give the remittance or bank reference."]
    if errors:
        raise EndingError("The receipt has errors: check each one.", extra=errors)
    existing = Repayment.objects.filter(agreement=agreement, reference=reference).first()
    if existing is not None:
        if existing.amount != amount or existing.received_on != received_on or existing.kind != kind:
            raise ConflictError("A different receipt was recorded with that reference.", code="duplicate_reference")
        return existing
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status not in (AgreementStatus.ACTIVE, AgreementStatus.ENDING):
            raise ConflictError("Money is recorded against an active or ending agreement.", code="not_active")
        if agreement.debt_account_id is None:
            raise ConflictError("The agreement has no debt account.", code="no_account")
        posted = transaction_post(
            acting_user=acting_user, effective_date=received_on, kind=TransactionKind.RECEIPT,
            memo=f"{ReceiptKind(kind).label}: {agreement.reference} ({reference})",
            idempotency_key=f"dpa-repayment:{agreement.reference}:{reference}",
            postings=[PostingLine(_council_bank(acting_user), amount), PostingLine(agreement.debt_account, -amount)])
        repayment = Repayment(agreement=agreement, kind=kind, received_on=received_on, amount=amount,
                              reference=reference, transaction=posted, recorded_by=acting_user)
        save_attributed(repayment, user=acting_user, reason=f"£{amount:,.2f} received: {ReceiptKind(kind).label}")
        if agreement.status == AgreementStatus.ENDING:
            settle_if_nothing_owed(acting_user=acting_user, agreement=agreement, on=received_on)
    return repayment


def settle_if_nothing_owed(*, acting_user, agreement: Agreement, on: dt.date) -> Settlement | None:
    """Settle an ending agreement when the figure at the end of ``on`` is nil (or in credit): the interest
    still to post to that day is posted (key ``dpa-settlement-interest:<agreement>``), the agreement is
    settled, the final settlement letter is made and legal services are asked to remove the charge."""
    try:
        figure = settlement_figure(agreement, as_at=on)
    except SettlementError:
        return None
    if figure.figure > 0:
        return None
    if figure.interest_unposted:
        transaction_post(
            acting_user=acting_user, effective_date=on, kind=TransactionKind.CHARGE,
            memo=f"Interest to {on:%d %B %Y}: {agreement.reference}",
            idempotency_key=f"dpa-settlement-interest:{agreement.reference}",
            postings=[PostingLine(agreement.debt_account, figure.interest_unposted),
                      PostingLine(_interest_income(acting_user), -figure.interest_unposted)])
    ending = Ending.objects.select_for_update().get(agreement=agreement)
    ending.settled_on = on
    contact = legal_contact_for(agreement)
    if contact is not None and ending.release_task_id is None:
        ending.release_task = task_give(
            by=acting_user, assigned_to=contact, agreement=agreement,
            title=f"Remove the legal charge: deferred payment agreement {agreement.reference}",
            details=(f"Agreement {agreement.reference} was settled on {on:%d %B %Y}. Apply to HM Land Registry to "
                     "remove the council's charge" + (f" on title {agreement.legal_charge.title_number}"
                                                       if hasattr(agreement, "legal_charge") else "") + "."),
            due_date=today() + dt.timedelta(days=RELEASE_DUE_DAYS), reason="Charge to be removed")
    ending.final_statement = _final_letter(acting_user=acting_user, agreement=agreement, on=on)
    save_attributed(ending, user=acting_user, reason="Agreement settled")
    agreement.status = AgreementStatus.SETTLED
    agreement.ended_on = on
    save_attributed(agreement, user=acting_user, reason=f"Settled on {on:%d %B %Y}")
    return figure


def _final_letter(*, acting_user, agreement, on):
    from documents.choices import DocumentKind
    from documents.services import document_request_for_job

    return document_request_for_job(requested_by=acting_user, client=agreement.client,
                                    kind=DocumentKind.DPA_SETTLEMENT, request_key=f"dpa-settlement-{agreement.pk}",
                                    letter_args={"agreement_id": agreement.pk, "as_at": on.isoformat()})
