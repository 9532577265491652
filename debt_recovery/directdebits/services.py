"""Writes of direct debits: setting up and cancelling a mandate, and the daily collection run that lodges
AUDDIS instructions, schedules collections with their advance notices, makes the Bacs collection file and,
on the collection date, records each collection as a payment.

The Bacs cycle (3 working days): the bureau submits a file on the input day; Bacs processes it on the next
working day (the processing day, written in every record); the money leaves the payer's account on the
working day after that (the entry day), which is the collection's ``due_on``. So the run on day D makes
the file for the collections due on D's second working day after, with D's next working day as the
processing day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from calendar import monthrange
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.context import system_user
from core.exceptions import ApplicationError
from core.history import save_attributed, set_reason
from core.rules import require
from debt_recovery.directdebits import standard18
from debt_recovery.directdebits.choices import (
    AUDDIS_DUE,
    AUDDIS_LODGED,
    AmountBasis,
    AuddisState,
    BacsFileKind,
    CollectionStatus,
    Frequency,
    MandateOrigin,
    MandateStatus,
    TransactionCode,
)
from debt_recovery.directdebits.models import BacsFile, Collection, CollectionRun, Mandate, MandateInstruction
from debt_recovery.directdebits.workingdays import add_working_days, is_working_day, next_working_day_on_or_after
from documents.choices import DocumentKind
from ledger import modulus

log = logging.getLogger(__name__)

#: A mandate in force: one per debtor at a time.
IN_FORCE = (MandateStatus.PENDING_LODGEMENT, MandateStatus.LIVE, MandateStatus.PAUSED)
#: Working days from the input day to the day the money is collected (Bacs' three-day cycle).
CYCLE_WORKING_DAYS = 2
_REFERENCE = re.compile(r"^[A-Z0-9./&\- ]{6,18}$")


class MandateError(ApplicationError):
    """Refused: ``extra`` names each bad field with its message."""

    code = "invalid"

    def __init__(self, message: str, *, errors: dict[str, list[str]]):
        super().__init__(message, extra=errors)


def originator() -> standard18.Originator:
    conf = settings.DIRECT_DEBITS
    return standard18.Originator(service_user_number=conf["SERVICE_USER_NUMBER"], name=conf["SERVICE_USER_NAME"],
                                 sort_code=conf["SORT_CODE"], account_number=conf["ACCOUNT_NUMBER"])


def _digits_only(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def _check_mandate(*, payer_name, sort_code, account_number, reference, amount_basis, regular_amount, frequency,
                   signed_on, first_collection_on, origin) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not payer_name.strip():
        errors["payer_name"] = ["Enter the name of the account holder."]
    elif len(payer_name) > 200:
        errors["payer_name"] = ["The account holder's name must be 200 characters or fewer."]
    if not re.fullmatch(r"[0-9]{6}", sort_code):
        errors["sort_code"] = ["Enter a sort code like 30-94-57: six digits."]
    if not re.fullmatch(r"[0-9]{6,8}", account_number):
        errors["account_number"] = ["Enter an account number of 6 to 8 digits."]
    elif "sort_code" not in errors and not modulus.check(sort_code, account_number.zfill(8)).valid:
        # Pay.UK's modulus check (ledger.modulus): a pair that fails is not a real account, and an instruction
        # lodged for it comes back from AUDDIS. A shorter account number is checked with noughts in front.
        errors["account_number"] = ["The sort code and account number do not match: check them with the payer."]
    if reference and not _REFERENCE.fullmatch(reference):
        errors["reference"] = ["The reference must be 6 to 18 capital letters, digits, spaces or . / & -."]
    if frequency not in Frequency.values:
        errors["frequency"] = ["Choose how often to collect."]
    if origin not in MandateOrigin.values:
        errors["origin"] = ["Choose whether this is a new instruction or a converted paper one."]
    if amount_basis not in AmountBasis.values:
        errors["amount_basis"] = ["Choose how much to collect."]
    elif amount_basis == AmountBasis.FIXED and (regular_amount is None or regular_amount <= 0
                                                 or regular_amount != regular_amount.quantize(Decimal("0.01"))):
        errors["regular_amount"] = ["Enter the amount to collect each time, in pounds and pence, more than £0."]
    if signed_on is None:
        errors["signed_on"] = ["Enter the date the payer gave the instruction."]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = ["The instruction cannot be given in the future."]
    if first_collection_on is None:
        errors["first_collection_on"] = ["Enter the earliest date of the first collection."]
    return errors


def _next_reference(debtor) -> str:
    n = Mandate.objects.filter(debtor=debtor).count() + 1
    return f"{debtor.reference}-{n:02d}"


def mandate_create(*, acting_user, debtor, payer_name: str, sort_code: str, account_number: str,
                   frequency: str, amount_basis: str, regular_amount: Decimal | None, signed_on: dt.date | None,
                   first_collection_on: dt.date | None, origin: str = MandateOrigin.NEW, reference: str = "",
                   reason: str = "Direct Debit Instruction received") -> Mandate:
    """Record a Direct Debit Instruction for ``debtor``, to be lodged with the payer's bank by the next
    AUDDIS file (0N, or 0S for a paper instruction converted to AUDDIS), and send the payer the
    confirmation letter with the Direct Debit Guarantee. The Bacs reference is the debtor's reference and
    a sequence unless one is given; it is unique under the council's service user number."""
    require(acting_user, "debt_recovery.work_client", debtor.client)
    sort_code, account_number = _digits_only(sort_code), _digits_only(account_number)
    reference = (reference or "").strip().upper()
    if isinstance(regular_amount, str):
        try:
            regular_amount = Decimal(regular_amount)
        except InvalidOperation:
            regular_amount = Decimal("-1")
    errors = _check_mandate(payer_name=payer_name, sort_code=sort_code, account_number=account_number,
                            reference=reference, amount_basis=amount_basis, regular_amount=regular_amount,
                            frequency=frequency, signed_on=signed_on, first_collection_on=first_collection_on,
                            origin=origin)
    if errors:
        raise MandateError("Check the direct debit details.", errors=errors)
    sun = settings.DIRECT_DEBITS["SERVICE_USER_NUMBER"]
    with transaction.atomic():
        type(debtor).objects.select_for_update().get(pk=debtor.pk)
        if debtor.status != "open":
            raise MandateError("The debtor account is closed.", errors={"debtor": ["The account is closed."]})
        if Mandate.objects.filter(debtor=debtor, status__in=IN_FORCE).exists():
            raise MandateError("This debtor already has a direct debit in force: cancel it first.",
                               errors={"debtor": ["A direct debit is already in force."]})
        reference = reference or _next_reference(debtor)
        if Mandate.objects.filter(service_user_number=sun, reference=reference).exists():
            raise MandateError("That reference is already used.", errors={"reference": [
                f"The reference {reference} is already used for another Direct Debit under our service user number."]})
        mandate = Mandate(
            debtor=debtor, payer_name=payer_name.strip(), sort_code=sort_code, account_number=account_number.zfill(8),
            service_user_number=sun, reference=reference, frequency=frequency, amount_basis=amount_basis,
            regular_amount=regular_amount if amount_basis == AmountBasis.FIXED else None, signed_on=signed_on,
            first_collection_on=first_collection_on, origin=origin, created_by=acting_user,
            auddis_state=AuddisState.CONVERSION_DUE if origin == MandateOrigin.CONVERTED else AuddisState.NEW_DUE)
        save_attributed(mandate, user=acting_user, reason=reason)
        mandate.confirmation = _letter(kind=DocumentKind.DD_CONFIRMATION, mandate=mandate,
                                       key=f"dd-confirmation-{mandate.pk}", args={"mandate": mandate},
                                       user=acting_user)
        save_attributed(mandate, user=acting_user, reason="Confirmation letter with the Direct Debit Guarantee",
                        update_fields=["confirmation"])
    return mandate


def _letter(*, kind, mandate, key, args, user, on=None):
    from documents.services import document_request_for_job

    return document_request_for_job(requested_by=user, client=mandate.debtor.client, kind=kind, request_key=key,
                                    letter_args=args, on=on)


def mandate_cancel(*, acting_user, mandate: Mandate, reason: str) -> Mandate:
    """Stop collecting under the mandate: a cancellation (0C) goes in the next AUDDIS file unless the
    instruction was never lodged; collections not yet sent to Bacs are cancelled."""
    require(acting_user, "debt_recovery.work_client", mandate.debtor.client)
    if not reason.strip():
        raise MandateError("Give a reason.", errors={"reason": ["Say why the direct debit is cancelled."]})
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
        if mandate.status in (MandateStatus.CANCELLED, MandateStatus.FAILED):
            raise MandateError("This direct debit has already stopped.", errors={"mandate": ["Already stopped."]})
        if mandate.auddis_state in (AuddisState.NEW_DUE, AuddisState.CONVERSION_DUE):
            mandate.auddis_state = AuddisState.NOT_NEEDED
        elif mandate.auddis_state != AuddisState.REJECTED:
            mandate.auddis_state = AuddisState.CANCEL_DUE
        mandate.status = MandateStatus.CANCELLED
        mandate.status_note = reason.strip()
        mandate.cancelled_at = timezone.now()
        save_attributed(mandate, user=acting_user, reason=f"Cancelled: {reason.strip()}")
        for collection in mandate.collections.select_for_update().filter(status=CollectionStatus.SCHEDULED):
            collection.status = CollectionStatus.CANCELLED
            collection.status_note = "The direct debit was cancelled."
            save_attributed(collection, user=acting_user, reason="Direct debit cancelled")
    return mandate


#: ARUDD reason 0 ("refer to payer"): the collection may be re-presented once, within one month, after
#: 5 working days' notice (debt_recovery.md, "Payments, direct debits and Bacs reports").
REPRESENT_NOTICE_WORKING_DAYS = 5


def collection_represent(*, acting_user, collection: Collection, on: dt.date | None = None) -> Collection:
    """Present an unpaid collection again (Bacs code 18), with an advance notice: due 5 working days after
    ``on`` (today), and within a month of the unpaid date. It goes in the collection file like any other."""
    require(acting_user, "debt_recovery.work_client", collection.mandate.debtor.client)
    on = on or timezone.localdate()
    with transaction.atomic():
        collection = Collection.objects.select_for_update().select_related("mandate").get(pk=collection.pk)
        if collection.status != CollectionStatus.UNPAID:
            raise MandateError("Only an unpaid collection can be presented again.",
                               errors={"collection": ["This collection was not returned unpaid."]})
        if collection.representations.exclude(status=CollectionStatus.CANCELLED).exists():
            raise MandateError("This collection has already been presented again.",
                               errors={"collection": ["Already re-presented."]})
        if collection.mandate.status != MandateStatus.LIVE:
            raise MandateError("The direct debit is not live.", errors={"collection": ["The direct debit is not live."]})
        due_on = add_working_days(on, REPRESENT_NOTICE_WORKING_DAYS)
        if (due_on - collection.due_on).days > 31:
            raise MandateError("An unpaid collection can be presented again only within a month.",
                               errors={"collection": ["More than a month has passed since it was returned."]})
        again = Collection(mandate=collection.mandate, due_on=due_on, amount=collection.amount,
                           transaction_code=TransactionCode.REPRESENTED, represents=collection)
        save_attributed(again, user=acting_user, reason=f"Re-presenting the collection of {collection.due_on:%d %B %Y}")
        again.notice = _letter(kind=DocumentKind.DD_ADVANCE_NOTICE, mandate=collection.mandate,
                               key=f"dd-notice-{again.pk}", args={"collection": again}, user=acting_user, on=on)
        again.notice_sent_on = on
        save_attributed(again, user=acting_user, reason="Advance notice sent", update_fields=["notice", "notice_sent_on"])
    return again


# --- the daily run -------------------------------------------------------------------------------


def _schedule_dates(mandate: Mandate, *, not_before: dt.date):
    """The mandate's collection dates on or after ``not_before``, each moved to a working day."""
    start = mandate.first_collection_on
    k = 0
    while True:
        if mandate.frequency == Frequency.FOUR_WEEKLY:
            nominal = start + dt.timedelta(days=28 * k)
        else:
            year, month = divmod(start.month - 1 + k, 12)
            year += start.year
            nominal = dt.date(year, month + 1, min(start.day, monthrange(year, month + 1)[1]))
        day = next_working_day_on_or_after(nominal)
        k += 1
        if day >= not_before:
            yield day


def _amount_due(mandate: Mandate, on: dt.date) -> Decimal:
    if mandate.amount_basis == AmountBasis.FIXED:
        return mandate.regular_amount
    from debt_recovery.accounts.selectors import aged_balances

    ledger_id = mandate.debtor.ledger_account_id
    return aged_balances(ledger_account_ids=[ledger_id], as_at=on)[ledger_id].owed


def _lodge_instructions(*, run: CollectionRun, on: dt.date, user) -> BacsFile | None:
    processing_day = add_working_days(on, 1)
    mandates = list(Mandate.objects.select_for_update().filter(auddis_state__in=list(AUDDIS_DUE)).order_by("pk"))
    if not mandates:
        return None
    lines = [standard18.Line(sort_code=m.sort_code, account_number=m.account_number, code=AUDDIS_DUE[m.auddis_state],
                             amount=Decimal("0"), reference=m.reference, payer_name=m.payer_name) for m in mandates]
    bacs_file = _bacs_file(kind=BacsFileKind.AUDDIS, run=run, processing_day=processing_day, user=user,
                           content=standard18.auddis_file(originator=originator(), lines=lines,
                                                          processing_day=processing_day),
                           count=len(lines), total=Decimal("0"))
    for mandate in mandates:
        code = AUDDIS_DUE[mandate.auddis_state]
        MandateInstruction.objects.create(mandate=mandate, code=code, bacs_file=bacs_file)
        mandate.auddis_state = AUDDIS_LODGED[mandate.auddis_state]
        if code != "0C":
            mandate.status = MandateStatus.LIVE
            mandate.lodged_on = processing_day
        save_attributed(mandate, user=user, reason=f"AUDDIS {code} lodged for {processing_day:%d %B %Y}")
    return bacs_file


def _bacs_file(*, kind, run, processing_day, user, content, count, total) -> BacsFile:
    serial = f"{processing_day:%y}{processing_day.timetuple().tm_yday:03d}{'1' if kind == BacsFileKind.AUDDIS else '2'}"
    bacs_file = BacsFile(kind=kind, processing_date=processing_day, serial=serial, content=content,
                         record_count=count, total=total, run=run,
                         sha256=hashlib.sha256(content.encode("ascii")).hexdigest())
    save_attributed(bacs_file, user=user, reason=f"{bacs_file.get_kind_display()} for the bureau")
    return bacs_file


def _schedule_collections(*, run: CollectionRun, on: dt.date, user) -> int:
    """For each live mandate with nothing scheduled ahead, the next collection at least the notice period
    away, with its advance notice letter."""
    notice = settings.DIRECT_DEBITS["NOTICE_WORKING_DAYS"]
    earliest = add_working_days(on, notice)
    made = 0
    ahead = Collection.objects.filter(mandate=OuterRef("pk"), due_on__gt=on,
                                      status__in=[CollectionStatus.SCHEDULED, CollectionStatus.SUBMITTED])
    mandates = (Mandate.objects.select_for_update(of=("self",)).filter(status=MandateStatus.LIVE)
                .exclude(Exists(ahead)).select_related("debtor", "debtor__client").order_by("pk"))
    for mandate in mandates:
        last = mandate.collections.exclude(status=CollectionStatus.CANCELLED).order_by("-due_on").first()
        not_before = max(earliest, last.due_on + dt.timedelta(days=1)) if last else earliest
        due_on = next(_schedule_dates(mandate, not_before=not_before))
        amount = _amount_due(mandate, on)
        if amount <= 0:
            continue
        collected_before = mandate.collections.filter(
            status__in=[CollectionStatus.SUBMITTED, CollectionStatus.COLLECTED]).exists()
        collection = Collection(mandate=mandate, due_on=due_on, amount=amount, run=run,
                                transaction_code=TransactionCode.REGULAR if collected_before else TransactionCode.FIRST)
        try:
            with transaction.atomic():  # no notice, no collection: the Guarantee requires the notice
                save_attributed(collection, user=user, reason="Collection scheduled")
                collection.notice = _letter(kind=DocumentKind.DD_ADVANCE_NOTICE, mandate=mandate,
                                            key=f"dd-notice-{collection.pk}", args={"collection": collection},
                                            user=user, on=on)
                collection.notice_sent_on = on
                save_attributed(collection, user=user,
                                reason=f"Advance notice sent, {notice} working days or more ahead",
                                update_fields=["notice", "notice_sent_on"])
        except ApplicationError as exc:  # e.g. no postal address: tried again on the next run
            log.warning("No advance notice for direct debit %s: %s", mandate.reference, exc)
            continue
        made += 1
    return made


def _submit_collections(*, run: CollectionRun, on: dt.date, user) -> BacsFile | None:
    processing_day = add_working_days(on, 1)
    entry_day = add_working_days(on, CYCLE_WORKING_DAYS)
    due = list(Collection.objects.select_for_update()
               .filter(status=CollectionStatus.SCHEDULED, due_on__lte=entry_day)
               .select_related("mandate").order_by("due_on", "pk"))
    ready, missed = [], []
    for collection in due:
        late = collection.due_on < entry_day  # its processing day has passed
        if collection.mandate.status != MandateStatus.LIVE or late:
            missed.append(collection)
        else:
            ready.append(collection)
    for collection in missed:
        collection.status = CollectionStatus.CANCELLED
        collection.status_note = ("Not sent: the direct debit is not live." if collection.mandate.status != MandateStatus.LIVE
                                  else "Not sent to Bacs in time for its date; the next collection is scheduled "
                                       "with a new advance notice.")
        save_attributed(collection, user=user, reason="Collection not sent")
    if not ready:
        return None
    lines = [standard18.Line(sort_code=c.mandate.sort_code, account_number=c.mandate.account_number,
                             code=c.transaction_code, amount=c.amount, reference=c.mandate.reference,
                             payer_name=c.mandate.payer_name) for c in ready]
    total = sum((c.amount for c in ready), Decimal("0"))
    bacs_file = _bacs_file(kind=BacsFileKind.COLLECTIONS, run=run, processing_day=processing_day, user=user,
                           content=standard18.collections_file(originator=originator(), lines=lines,
                                                               processing_day=processing_day),
                           count=len(ready), total=total)
    for collection in ready:
        collection.status = CollectionStatus.SUBMITTED
        collection.bacs_file = bacs_file
        save_attributed(collection, user=user, reason=f"In the Bacs file for {processing_day:%d %B %Y}")
    return bacs_file


def _recorded_for(mandate: Mandate):
    """Whom the run records a collection's payment for: the officer who set up the mandate while they still
    work the case, otherwise the officer, then the leader, of the debt recovery team holding the client
    (payments are recorded by the team; the system user the run acts as may not record one itself)."""
    from core.rules import can
    from people.choices import Service
    from people.selectors import current_allocations

    debtor = mandate.debtor
    candidates = [mandate.created_by]
    for allocation in (current_allocations().filter(client_id=debtor.client_id, team__service=Service.DEBT_RECOVERY)
                       .select_related("officer", "team")):
        if allocation.officer is not None:
            candidates.append(allocation.officer)
        candidates += [m.user for m in allocation.team.memberships.select_related("user").order_by("-is_leader", "pk")]
    return next((user for user in candidates if can(user, "debt_recovery.work_client", debtor)), None)


def _record_collected(*, on: dt.date, user) -> int:
    """Each collection sent to Bacs whose date has come is recorded as a payment on that date. The bank's
    ARUDD report later says which were unpaid; those payments are then reversed."""
    from debt_recovery.payments.services import payment_record

    done = 0
    for collection in (Collection.objects.select_for_update()
                       .filter(status=CollectionStatus.SUBMITTED, due_on__lte=on)
                       .select_related("mandate", "mandate__debtor", "mandate__debtor__client")
                       .order_by("due_on", "pk")):
        officer = _recorded_for(collection.mandate)
        if officer is None:
            log.warning("Direct debit %s: no one in the debt recovery team holds the case; payment not recorded",
                        collection.mandate.reference)
            continue
        payment = payment_record(acting_user=officer, debtor=collection.mandate.debtor, amount=collection.amount,
                                 method="direct_debit", received_on=collection.due_on,
                                 reference=collection.mandate.reference,
                                 note=f"Direct debit collected on {collection.due_on:%d %B %Y}",
                                 idempotency_key=f"dd-collection-{collection.pk}")
        collection.payment = payment
        collection.status = CollectionStatus.COLLECTED
        save_attributed(collection, user=user, reason=f"Collected: payment recorded for {officer.get_username()}")
        done += 1
    return done


def collection_run(*, on: dt.date) -> CollectionRun:
    """The day's direct debit run, all or nothing: lodge the AUDDIS instructions due, schedule the next
    collections with their advance notices, make the collection file for the bureau and record the
    collections whose date has come. Safe to run again for the same day (it finds its files made and
    its collections moved on) and after a crash (nothing of a failed run is kept)."""
    user = system_user()
    with transaction.atomic():  # the outermost: the job's, or the demo's
        run, _ = CollectionRun.objects.select_for_update().get_or_create(run_on=on)
        set_reason(run, "Direct debit run")
        bacs_day = is_working_day(on)  # the bureau submits files on working days only
        instructions = _lodge_instructions(run=run, on=on, user=user) if bacs_day else None
        scheduled = _schedule_collections(run=run, on=on, user=user)
        submitted = _submit_collections(run=run, on=on, user=user) if bacs_day else None
        collected = _record_collected(on=on, user=user)
        run.instructions += instructions.record_count if instructions else 0
        run.scheduled += scheduled
        run.submitted += submitted.record_count if submitted else 0
        run.collected += collected
        run.finished_at = timezone.now()
        save_attributed(run, user=user, reason="Direct debit run finished")
    return run
