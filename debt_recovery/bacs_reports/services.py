"""Importing the Bacs reports the council's bureau receives: ARUDD (unpaid direct debits), ADDACS
(amendments and cancellations of instructions), AUDDIS (instructions the payer's bank rejected) and the
input report (records Bacs rejected from a submitted file).

Each import is all or nothing. The file is read whole (:mod:`debt_recovery.bacs_reports.parser`), then
every item is matched to the council's records (:func:`report_plan`) before anything is written: a
wrong service user number, an unknown reference, a debit that matches no collection or an item the
officer may not act on refuses the whole file with a sentence naming the item. The same file twice is
recognised by its SHA-256 fingerprint and changes nothing; an item whose effect is already recorded
(a collection already unpaid, a mandate already cancelled) is kept as "already processed" and changes
nothing either.

What each reason code does follows ``../shared/domain/debt_recovery.md`` (see
:mod:`debt_recovery.bacs_reports.choices` for the published codes). Every action that changes anything
gives the officer holding the debtor's case a task saying what happened and what to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import can, require
from debt_recovery.accounts.choices import DebtorKind
from debt_recovery.bacs_reports.choices import ItemOutcome, ReportKind
from debt_recovery.bacs_reports.models import BacsReport, BacsReportItem
from debt_recovery.bacs_reports.parser import ParsedItem, ParsedReport, ReportUnreadable, parse_report
from debt_recovery.directdebits.choices import AuddisState, CollectionStatus, MandateStatus, TransactionCode
from debt_recovery.directdebits.models import Collection, Mandate
from debt_recovery.directdebits.workingdays import add_working_days
from people.choices import TaskStatus
from people.models import Task
from people.selectors import today

#: Days the officer has for a task raised by a report.
TASK_DUE_DAYS = 5
#: ARUDD 0: the payer must be told this many working days before a re-presentation (Access PaySuite,
#: "ARUDD Reason Codes": "it is recommended that the payer is notified of this 5 working days in advance").
REPRESENT_NOTICE_WORKING_DAYS = 5
#: Working days from the input day to the day the money leaves the payer's account (Bacs' 3-day cycle).
CYCLE_WORKING_DAYS = 2
#: ARUDD 4 / ADDACS D: the dispute hold is reviewed after this many days.
DISPUTE_REVIEW_DAYS = 14
#: Collections the bank can still report on.
_OPEN_TO_REPORT = (CollectionStatus.SUBMITTED, CollectionStatus.COLLECTED)


class ReportRefused(ApplicationError):
    """The report cannot be imported; ``problems`` lists why, each naming the item."""

    code = "invalid_report"

    def __init__(self, problems: list[str]):
        super().__init__("The report cannot be imported; nothing has been changed. " + " ".join(problems),
                         extra={"file": problems})
        self.problems = problems


@dataclass
class PlannedItem:
    """An item matched to the council's records, with what importing it will do."""

    item: ParsedItem
    mandate: Mandate | None
    collection: Collection | None
    outcome: str
    action: str


@dataclass
class ReportPlan:
    parsed: ParsedReport
    fingerprint: str
    items: list[PlannedItem] = field(default_factory=list)
    already_imported: BacsReport | None = None

    @property
    def changes(self) -> int:
        return sum(1 for p in self.items if p.outcome == ItemOutcome.APPLIED)


def fingerprint_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# --- matching and what each item will do --------------------------------------------------------------

def _find_collection(mandate: Mandate, item: ParsedItem) -> Collection | None:
    """The collection an unpaid or rejected debit is about: same mandate and amount, the latest sent to
    Bacs on or before the item's original processing day (a collection's money leaves the payer's
    account the working day after its processing day, so ``due_on`` is on or after that day)."""
    qs = mandate.collections.filter(amount=item.amount).exclude(status=CollectionStatus.CANCELLED)
    if item.original_processing_date:
        qs = qs.filter(due_on__gte=item.original_processing_date,
                       due_on__lte=item.original_processing_date + dt.timedelta(days=7))
    return qs.filter(status__in=[*_OPEN_TO_REPORT, CollectionStatus.UNPAID]).order_by("-due_on", "-pk").first()


def _arudd_action(item: ParsedItem, mandate: Mandate, collection: Collection) -> tuple[str, str]:
    if collection.status == CollectionStatus.UNPAID:
        return ItemOutcome.ALREADY_DONE, "This unpaid debit was already recorded."
    base = f"£{collection.amount} due {collection.due_on:%d %B %Y} marked unpaid"
    base += " and its payment reversed" if collection.payment_id else ""
    code = item.reason_code
    if code == "0":
        if collection.represents_id:
            return ItemOutcome.APPLIED, base + "; already re-presented once, so not re-presented again: task to contact the payer."
        return ItemOutcome.APPLIED, base + "; re-presented once with an advance notice, and a task to contact the payer."
    if code in ("1", "B", "5", "6"):
        return ItemOutcome.APPLIED, base + "; the direct debit is cancelled: task to agree another way to pay."
    if code == "2":
        return ItemOutcome.APPLIED, base + "; payer deceased: the direct debit is cancelled, the debt moves to the estate (task)."
    if code == "3":
        return ItemOutcome.APPLIED, base + "; account transferred: collections paused until a new instruction (task)."
    if code == "4":
        return ItemOutcome.APPLIED, base + "; advance notice disputed: collections paused and a dispute hold placed (task)."
    return ItemOutcome.APPLIED, base + f"; {item.reason.lower()}: task to check and collect correctly."


def _addacs_action(item: ParsedItem, mandate: Mandate) -> tuple[str, str]:
    code = item.reason_code
    stopped = mandate.status in (MandateStatus.CANCELLED, MandateStatus.FAILED)
    if code in ("0", "1", "B", "2"):
        if stopped:
            return ItemOutcome.ALREADY_DONE, "The direct debit had already stopped."
        extra = ": the debt moves to the estate (task)" if code == "2" else ": task to agree another way to pay"
        return ItemOutcome.APPLIED, f"The direct debit is cancelled ({item.reason.lower()}){extra}."
    if code in ("3", "C"):
        if (mandate.sort_code, mandate.account_number) == (item.new_sort_code, item.new_account_number):
            return ItemOutcome.ALREADY_DONE, "The new account details were already recorded."
        return ItemOutcome.APPLIED, (f"Account details changed to {item.new_sort_code[:2]}-{item.new_sort_code[2:4]}-"
                                     f"{item.new_sort_code[4:]} ****{item.new_account_number[-4:]}; collecting continues (task).")
    if code == "D":
        if mandate.status == MandateStatus.PAUSED:
            return ItemOutcome.ALREADY_DONE, "The direct debit was already paused."
        return ItemOutcome.APPLIED, "Advance notice disputed: collections paused and a dispute hold placed (task)."
    if code == "E":
        return ItemOutcome.APPLIED, "The payer's bank amended the instruction: task to check the details."
    if code == "R":
        if mandate.status == MandateStatus.LIVE:
            return ItemOutcome.ALREADY_DONE, "The direct debit was already live."
        return ItemOutcome.APPLIED, "The instruction is reinstated: collections resume (task)."
    return ItemOutcome.RECORDED, item.reason


def report_plan(*, acting_user, content: bytes) -> ReportPlan:
    """Read and check the whole report and say what importing it would do. Writes nothing. Raises
    :class:`ReportRefused` listing every problem."""
    require(acting_user, "debt_recovery.import_bacs_reports")
    fingerprint = fingerprint_of(content)
    try:
        parsed = parse_report(content)
    except ReportUnreadable as exc:
        raise ReportRefused(exc.problems) from None
    plan = ReportPlan(parsed=parsed, fingerprint=fingerprint,
                      already_imported=BacsReport.objects.filter(fingerprint=fingerprint).first())
    ours = settings.DIRECT_DEBITS["SERVICE_USER_NUMBER"]
    if parsed.service_user_number != ours:
        raise ReportRefused([f"The report is for service user number {parsed.service_user_number}, not the "
                             f"council's ({ours})."])
    mandates = {m.reference: m for m in Mandate.objects.filter(
        service_user_number=ours, reference__in=[i.reference for i in parsed.items]).select_related("debtor__client")}
    problems: list[str] = []
    for item in parsed.items:
        mandate = mandates.get(item.reference)
        if mandate is None:
            problems.append(f"{item.label}: no direct debit has this reference.")
            continue
        if not can(acting_user, "debt_recovery.work_client", mandate.debtor):
            problems.append(f"{item.label}: {mandate.debtor.name}'s case is not held by your debt recovery team.")
            continue
        collection = None
        if parsed.kind == ReportKind.ARUDD:
            collection = _find_collection(mandate, item)
            if collection is None:
                problems.append(f"{item.label}: no collection of £{item.amount} processed on "
                                f"{item.original_processing_date:%d %B %Y} was sent under this direct debit.")
                continue
            outcome, action = _arudd_action(item, mandate, collection)
        elif parsed.kind == ReportKind.ADDACS:
            outcome, action = _addacs_action(item, mandate)
        elif parsed.kind == ReportKind.AUDDIS:
            if mandate.status == MandateStatus.FAILED:
                outcome, action = ItemOutcome.ALREADY_DONE, "The instruction was already marked rejected."
            else:
                outcome, action = ItemOutcome.APPLIED, (f"Instruction rejected ({item.reason.lower()}): the direct "
                                                        "debit is marked failed, task to contact the payer.")
        else:  # input report
            collection = _find_collection(mandate, item)
            if collection is None:
                problems.append(f"{item.label}: no collection of £{item.amount} was sent under this direct debit.")
                continue
            if item.reason_code != "R":
                outcome, action = ItemOutcome.RECORDED, f"{item.reason}: recorded (Bacs did not reject it)."
            elif collection.status == CollectionStatus.UNPAID:
                outcome, action = ItemOutcome.ALREADY_DONE, "The rejected collection was already recorded."
            else:
                outcome, action = ItemOutcome.APPLIED, (f"£{collection.amount} due {collection.due_on:%d %B %Y} "
                                                        "rejected by Bacs: not collected" +
                                                        (", its payment reversed" if collection.payment_id else "") +
                                                        "; task to collect it again.")
        plan.items.append(PlannedItem(item=item, mandate=mandate, collection=collection, outcome=outcome, action=action))
    if problems:
        raise ReportRefused(problems)
    return plan


# --- applying -----------------------------------------------------------------------------------------

def _task(*, user, mandate: Mandate, title: str, details: str, subject, on: dt.date) -> Task:
    from debt_recovery.holds.services import recovery_officer_for

    client = mandate.debtor.client
    officer = recovery_officer_for(client, on=on) or user
    task = Task(title=f"{title}: {mandate.debtor.name} ({mandate.reference})"[:200], details=details, client=client,
                assigned_to=officer, due_date=on + dt.timedelta(days=TASK_DUE_DAYS), status=TaskStatus.OPEN,
                created_by=user)
    task.subject = subject
    save_attributed(task, user=user, reason="Bacs report imported")
    return task


def _stop_scheduled(mandate: Mandate, *, user, note: str) -> None:
    for collection in mandate.collections.select_for_update().filter(status=CollectionStatus.SCHEDULED):
        collection.status = CollectionStatus.CANCELLED
        collection.status_note = note
        save_attributed(collection, user=user, reason=note)


def _set_mandate(mandate: Mandate, *, user, status: str, note: str, reason: str, auddis: str | None = None) -> None:
    mandate.status = status
    mandate.status_note = note
    if auddis:
        mandate.auddis_state = auddis
    if status == MandateStatus.CANCELLED and mandate.cancelled_at is None:
        mandate.cancelled_at = timezone.now()
    save_attributed(mandate, user=user, reason=reason)
    if status != MandateStatus.LIVE:
        _stop_scheduled(mandate, user=user, note=f"Not collected: {note}")


def _dispute_hold(mandate: Mandate, *, user, on: dt.date, note: str) -> None:
    from debt_recovery.holds.selectors import debtor_holds
    from debt_recovery.holds.services import hold_place

    if debtor_holds(mandate.debtor).filter(reason="dispute", released_at__isnull=True).exists():
        return
    hold_place(acting_user=user, debtor=mandate.debtor, reason="dispute",
               review_on=on + dt.timedelta(days=DISPUTE_REVIEW_DAYS), note=note)


def _to_estate(mandate: Mandate, *, user) -> str:
    """The payer has died. When the person who owed the debt themselves has died (their death is recorded
    on their record), the debt passes to their estate: the debtor account becomes the estate's, so letters
    go to the estate. Otherwise the payer may have been someone else paying for them, or the death is not
    recorded yet: the task says so."""
    from debt_recovery.accounts.services import debtor_account_update

    debtor = mandate.debtor
    if debtor.kind != DebtorKind.PERSON:
        return "The debt is not owed by the person themselves: check who now owes it and agree how it is paid."
    if debtor.client.date_of_death is None:
        return ("If the payer was the person themselves, record their date of death: the debt then passes to "
                "their estate (change the debtor account to the estate's). If someone else paid for them, agree "
                "another way to pay.")
    debtor_account_update(acting_user=user, account=debtor, reason="Payer deceased (reported by Bacs)",
                          kind=DebtorKind.ESTATE)
    return "The debtor account is now the estate's: letters go to the estate."


def _represent(collection: Collection, *, user, on: dt.date, item: ParsedItem) -> Collection | None:
    """ARUDD 0: re-present once, within one month of the original processing day, with an advance
    notice the payer receives ``REPRESENT_NOTICE_WORKING_DAYS`` working days ahead."""
    from debt_recovery.directdebits.services import _letter
    from documents.choices import DocumentKind

    if collection.represents_id or collection.mandate.status != MandateStatus.LIVE:
        return None
    due_on = add_working_days(on, REPRESENT_NOTICE_WORKING_DAYS + CYCLE_WORKING_DAYS)
    original = item.original_processing_date or collection.due_on
    limit = _one_month_after(original)
    if due_on > limit or collection.mandate.collections.filter(due_on=due_on).exclude(
            status=CollectionStatus.CANCELLED).exists():
        return None
    again = Collection(mandate=collection.mandate, due_on=due_on, amount=collection.amount,
                       transaction_code=TransactionCode.REPRESENTED, represents=collection,
                       status_note=f"Re-presentation of the unpaid collection of {collection.due_on:%d %B %Y}")
    save_attributed(again, user=user, reason="Unpaid direct debit re-presented (ARUDD 0, refer to payer)")
    again.notice = _letter(kind=DocumentKind.DD_ADVANCE_NOTICE, mandate=collection.mandate,
                           key=f"dd-notice-{again.pk}", args={"collection": again}, user=user, on=on)
    again.notice_sent_on = on
    save_attributed(again, user=user, reason="Advance notice of the re-presentation",
                    update_fields=["notice", "notice_sent_on"])
    return again


def _one_month_after(day: dt.date) -> dt.date:
    from calendar import monthrange

    year, month = (day.year + (day.month // 12), day.month % 12 + 1)
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _apply_arudd(p: PlannedItem, *, user, on: dt.date, report: BacsReport) -> tuple[str, Task]:
    from debt_recovery.payments.services import payment_reverse

    item, mandate = p.item, Mandate.objects.select_for_update().get(pk=p.mandate.pk)
    collection = Collection.objects.select_for_update().get(pk=p.collection.pk)
    why = f"Unpaid direct debit, ARUDD {item.reason_code}: {item.reason}"
    if collection.payment_id:
        payment_reverse(acting_user=user, payment=collection.payment, reason=why,
                        on=max(report.processing_date, collection.payment.received_on))
    collection.status = CollectionStatus.UNPAID
    collection.status_note = why
    save_attributed(collection, user=user, reason=why)
    code, action = item.reason_code, p.action
    details = [f"The payer's bank returned the direct debit of £{collection.amount} due {collection.due_on:%d %B %Y} "
               f"unpaid: {item.reason} (ARUDD reason {code}). The payment is reversed, so the debt is owed again."]
    if code == "0":
        again = _represent(collection, user=user, on=on, item=item)
        if again is not None:
            details.append(f"It is re-presented on {again.due_on:%d %B %Y}, with an advance notice sent today. "
                           "Contact the payer about why it was not paid and whether it will be paid this time.")
        else:
            action = action.replace("re-presented once with an advance notice", "not re-presented (already "
                                    "re-presented, not live or past one month)")
            details.append("It cannot be re-presented (only once, and within one month of the original "
                           "processing day): contact the payer to agree how the amount will be paid.")
        title = "Direct debit unpaid: refer to payer"
    elif code in ("1", "B", "5", "6"):
        _set_mandate(mandate, user=user, status=MandateStatus.CANCELLED, note=item.reason,
                     reason=f"Cancelled: {why}", auddis=AuddisState.NOT_NEEDED)
        details.append("The direct debit is cancelled. Agree another way to pay, or a new instruction.")
        title = "Direct debit cancelled by the bank"
    elif code == "2":
        _set_mandate(mandate, user=user, status=MandateStatus.CANCELLED, note=item.reason,
                     reason=f"Cancelled: {why}", auddis=AuddisState.NOT_NEEDED)
        details.append(_to_estate(mandate, user=user))
        details.append("Record the date of death, search for probate and claim against the estate.")
        title = "Payer deceased: debt moves to the estate"
    elif code == "3":
        _set_mandate(mandate, user=user, status=MandateStatus.PAUSED, note=item.reason, reason=f"Paused: {why}")
        details.append("Collections are paused. Unless the new bank details have come (ADDACS), get a new "
                       "instruction from the payer.")
        title = "Direct debit account transferred"
    elif code == "4":
        _set_mandate(mandate, user=user, status=MandateStatus.PAUSED, note=item.reason, reason=f"Paused: {why}")
        _dispute_hold(mandate, user=user, on=on, note="The payer disputed a direct debit advance notice (ARUDD 4).")
        details.append("Collect nothing more until the dispute about the advance notice is resolved; the debt "
                       "is held off the recovery ladder meanwhile.")
        title = "Direct debit advance notice disputed"
    else:
        details.append("Check the collection against the advance notice and the instruction, then collect "
                       "the right amount on the right date.")
        title = f"Direct debit unpaid: {item.reason.lower()}"
    return action, _task(user=user, mandate=mandate, title=title, details="\n\n".join(details), subject=collection, on=on)


def _apply_addacs(p: PlannedItem, *, user, on: dt.date) -> tuple[str, Task]:
    item, mandate = p.item, Mandate.objects.select_for_update().get(pk=p.mandate.pk)
    code = item.reason_code
    why = f"ADDACS {code}: {item.reason}"
    details = [f"The payer's bank reported: {item.reason} (ADDACS reason {code})"
               + (f", effective {item.effective_date:%d %B %Y}." if item.effective_date else ".")]
    if code in ("0", "1", "B", "2"):
        # Cancelled by the payer's bank: no 0C is sent back to it.
        _set_mandate(mandate, user=user, status=MandateStatus.CANCELLED, note=item.reason, reason=f"Cancelled: {why}",
                     auddis=AuddisState.NOT_NEEDED)
        if code == "2":
            details.append(_to_estate(mandate, user=user))
            details.append("Record the date of death, search for probate and claim against the estate.")
            title = "Payer deceased: debt moves to the estate"
        else:
            details.append("The direct debit is cancelled. Agree another way to pay, or a new instruction.")
            title = "Direct debit cancelled"
    elif code in ("3", "C"):
        mandate.sort_code, mandate.account_number = item.new_sort_code, item.new_account_number
        if item.payer_name:
            mandate.payer_name = item.payer_name[:200]
        if mandate.status == MandateStatus.PAUSED:
            mandate.status = MandateStatus.LIVE
        mandate.status_note = f"Account details changed ({item.reason})"
        save_attributed(mandate, user=user, reason=f"Account details changed: {why}")
        details.append("The new account details are recorded; collections continue from the new account.")
        title = "Direct debit moved to a new account"
    elif code == "D":
        _set_mandate(mandate, user=user, status=MandateStatus.PAUSED, note=item.reason, reason=f"Paused: {why}")
        _dispute_hold(mandate, user=user, on=on, note="The payer disputed a direct debit advance notice (ADDACS D).")
        details.append("Collections are paused and the debt is held off the recovery ladder until the "
                       "dispute is resolved.")
        title = "Direct debit advance notice disputed"
    elif code == "E":
        if item.payer_name:
            mandate.payer_name = item.payer_name[:200]
            save_attributed(mandate, user=user, reason=f"Amended: {why}")
        details.append("Check the instruction's details with the payer.")
        title = "Direct debit instruction amended"
    else:  # R
        mandate.status = MandateStatus.LIVE
        mandate.status_note = item.reason
        mandate.cancelled_at = None
        if mandate.auddis_state in (AuddisState.CANCEL_DUE, AuddisState.NOT_NEEDED):
            mandate.auddis_state = AuddisState.NEW_LODGED
        save_attributed(mandate, user=user, reason=f"Reinstated: {why}")
        details.append("Collections resume from the next run, with an advance notice.")
        title = "Direct debit reinstated"
    return p.action, _task(user=user, mandate=mandate, title=title, details="\n\n".join(details), subject=mandate, on=on)


def _apply_auddis(p: PlannedItem, *, user, on: dt.date) -> tuple[str, Task]:
    item, mandate = p.item, Mandate.objects.select_for_update().get(pk=p.mandate.pk)
    _set_mandate(mandate, user=user, status=MandateStatus.FAILED, note=f"AUDDIS {item.reason_code}: {item.reason}",
                 reason=f"Rejected by the payer's bank: AUDDIS {item.reason_code} {item.reason}",
                 auddis=AuddisState.REJECTED)
    details = (f"The payer's bank rejected the direct debit instruction: {item.reason} (AUDDIS reason "
               f"{item.reason_code}). Nothing will be collected under it. Contact the payer to correct the details "
               "or agree another way to pay.")
    return p.action, _task(user=user, mandate=mandate, title="Direct debit instruction rejected", details=details,
                           subject=mandate, on=on)


def _apply_input(p: PlannedItem, *, user, on: dt.date, report: BacsReport) -> tuple[str, Task]:
    from debt_recovery.payments.services import payment_reverse

    collection = Collection.objects.select_for_update().get(pk=p.collection.pk)
    why = f"Rejected by Bacs at input: {p.item.reason}"
    if collection.payment_id:
        payment_reverse(acting_user=user, payment=collection.payment, reason=why,
                        on=max(report.processing_date, collection.payment.received_on))
    collection.status = CollectionStatus.UNPAID
    collection.status_note = why
    save_attributed(collection, user=user, reason=why)
    details = (f"Bacs rejected the collection of £{collection.amount} due {collection.due_on:%d %B %Y} when the "
               f"file was submitted ({p.item.reason}). Nothing was collected; arrange to collect it again.")
    return p.action, _task(user=user, mandate=p.mandate, title="Direct debit rejected by Bacs", details=details,
                           subject=collection, on=on)


def bacs_report_import(*, acting_user, content: bytes, filename: str = "") -> tuple[BacsReport, bool]:
    """Import a Bacs report, all or nothing. Returns the report and whether it was imported now
    (``False``: the same file was imported before, and nothing changed)."""
    plan = report_plan(acting_user=acting_user, content=content)
    if plan.already_imported is not None:
        return plan.already_imported, False
    on = today()
    parsed = plan.parsed
    try:
        # Not durable: the demonstration seeds inside one transaction; all or nothing either way.
        with transaction.atomic():
            # Plan again under the locks: another import may have acted on the same items meanwhile.
            list(Mandate.objects.select_for_update().filter(pk__in=[p.mandate.pk for p in plan.items])
                 .order_by("pk").values_list("pk", flat=True))
            plan = report_plan(acting_user=acting_user, content=content)
            if plan.already_imported is not None:
                return plan.already_imported, False
            report = BacsReport(kind=parsed.kind, fingerprint=plan.fingerprint, filename=filename[:255],
                                service_user_number=parsed.service_user_number,
                                processing_date=parsed.processing_date,
                                content=content.decode("utf-8", errors="replace"), item_count=len(parsed.items),
                                total=parsed.total, accepted_debits=parsed.accepted_debits, imported_by=acting_user)
            save_attributed(report, user=acting_user, reason=f"{report.get_kind_display()} imported")
            for p in plan.items:
                action, task = p.action, None
                if p.outcome == ItemOutcome.APPLIED:
                    if parsed.kind == ReportKind.ARUDD:
                        action, task = _apply_arudd(p, user=acting_user, on=on, report=report)
                    elif parsed.kind == ReportKind.ADDACS:
                        action, task = _apply_addacs(p, user=acting_user, on=on)
                    elif parsed.kind == ReportKind.AUDDIS:
                        action, task = _apply_auddis(p, user=acting_user, on=on)
                    else:
                        action, task = _apply_input(p, user=acting_user, on=on, report=report)
                BacsReportItem.objects.create(
                    report=report, line=p.item.line, reference=p.item.reference, reason_code=p.item.reason_code,
                    reason=p.item.reason[:200], amount=p.item.amount,
                    original_processing_date=p.item.original_processing_date, mandate=p.mandate,
                    collection=p.collection, outcome=p.outcome, action=action, task=task)
    except IntegrityError:
        existing = BacsReport.objects.filter(fingerprint=plan.fingerprint).first()
        if existing is not None:  # the same file imported at the same moment by someone else
            return existing, False
        raise
    return report, True


# --- the monthly reconciliation ----------------------------------------------------------------------

def reconciliation_record(*, month: dt.date) -> dict:
    """The month's reconciliation (:func:`debt_recovery.bacs_reports.selectors.reconciliation`) as the job's
    summary; when the figures do not agree, one task for a debt recovery team leader to investigate (the
    same month again finds its task and adds none)."""
    from core.context import current_actor, system_user
    from debt_recovery.bacs_reports.selectors import reconciliation
    from people.choices import Service
    from people.models import TeamMembership

    rec = reconciliation(month, on=today())
    summary = {"month": f"{rec.month:%Y-%m}", "collected": str(rec.collected), "unpaid": str(rec.unpaid),
               "expected": str(rec.expected),
               "accepted_by_bacs": None if rec.accepted_by_bacs is None else str(rec.accepted_by_bacs),
               "difference": None if rec.difference is None else str(rec.difference), "unreported": rec.unreported,
               "task": None}
    if rec.balanced or (rec.accepted_by_bacs is None and rec.unreported == 0):
        return summary
    actor = current_actor()
    by = actor.user if actor is not None and actor.user is not None else system_user()
    title = f"Direct debits do not reconcile for {rec.month:%B %Y}"
    with transaction.atomic():
        task = Task.objects.filter(title=title).first()
        leader = (TeamMembership.objects.filter(team__service=Service.DEBT_RECOVERY, is_leader=True, user__is_active=True)
                  .select_related("user").order_by("id").first())
        if task is None and leader is not None:
            task = Task(title=title, assigned_to=leader.user, created_by=by, status=TaskStatus.OPEN,
                        due_date=today() + dt.timedelta(days=TASK_DUE_DAYS),
                        details=(f"Collected £{rec.collected} ({rec.collected_count}); returned unpaid £{rec.unpaid} "
                                 f"({rec.unpaid_count}); Bacs accepted £{rec.accepted_by_bacs}; difference "
                                 f"£{rec.difference}; {rec.unreported} collections past their date with nothing "
                                 "recorded. Check the bank statement's Bacs credit and the reports received."))
            save_attributed(task, user=by, reason="Monthly direct debit reconciliation")
        summary["task"] = task.pk if task else None
    return summary
