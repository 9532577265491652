"""Writing the legal charge: the request to legal services (a task for the legal contact), the HM Land
Registry title number and registration date, the confirmation (deferral is allowed from then), the interim
arrangement a team leader may approve instead, and the yearly insurance and upkeep checks."""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction

from core.context import current_actor, system_user
from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed
from core.rules import require
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.models import Agreement
from deferred_payments.agreements.people import legal_contact_for, officer_for, task_give
from deferred_payments.charges.models import TITLE_NUMBER_PATTERN, InsuranceCheck, LegalCharge
from people.selectors import today

#: Legal services are asked to register the charge within this many days.
REQUEST_DUE_DAYS = 28
#: The yearly check is due this many days after its task is given.
INSURANCE_CHECK_DUE_DAYS = 28
REQUESTABLE = (AgreementStatus.SIGNED, AgreementStatus.APPROVED)


class ChargeError(ApplicationError):
    code = "invalid"


def _title_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def charge_request(*, acting_user, agreement: Agreement) -> LegalCharge:
    """Ask legal services to register the council's first legal charge on the home: a task for the legal
    contact. Once per agreement."""
    require(acting_user, "deferred_payments.work_client", agreement)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status not in REQUESTABLE:
            raise ConflictError("The legal charge is requested once the agreement is signed.", code="not_signed")
        if LegalCharge.objects.filter(agreement=agreement).exists():
            raise ConflictError("The legal charge has already been requested.", code="requested")
        contact = legal_contact_for(agreement)
        charge = LegalCharge(agreement=agreement, requested_on=today(), requested_by=acting_user)
        if contact is not None:
            charge.request_task = task_give(
                by=acting_user, assigned_to=contact, agreement=agreement,
                title=f"Register the legal charge for deferred payment agreement {agreement.reference}",
                details=(f"Register a first legal charge in the council's favour at HM Land Registry on "
                         f"{agreement.home.address if agreement.home else 'the home'}, then give the title number "
                         "and registration date on the agreement's page."),
                due_date=today() + dt.timedelta(days=REQUEST_DUE_DAYS), reason="Legal charge requested")
        save_attributed(charge, user=acting_user, reason="Legal charge requested from legal services")
    return charge


def charge_register(*, acting_user, charge: LegalCharge, title_number: str, registered_on: dt.date) -> LegalCharge:
    """Record the title number and the date HM Land Registry registered the charge."""
    require(acting_user, "deferred_payments.work_client", charge.agreement)
    number = _title_number(title_number)
    errors = {}
    if not re.match(TITLE_NUMBER_PATTERN, number):
        errors["title_number"] = ["A title number is letters then digits, for example NYK123456."]
    if registered_on is None or registered_on > today():
        errors["registered_on"] = ["The registration date cannot be in the future."]
    elif registered_on < charge.requested_on:
        errors["registered_on"] = [f"The charge was requested on {charge.requested_on:%d %B %Y}: it cannot be "
                                   "registered before."]
    if errors:
        raise ChargeError("The registration has errors: check each one.", extra=errors)
    with transaction.atomic():
        charge = LegalCharge.objects.select_for_update().get(pk=charge.pk)
        if charge.confirmed_on is not None:
            raise ConflictError("The charge has already been confirmed.", code="confirmed")
        charge.title_number = number
        charge.registered_on = registered_on
        save_attributed(charge, user=acting_user, reason=f"Registered at HM Land Registry, title {number}")
    return charge


def _activate(*, acting_user, agreement: Agreement, allowed_from: dt.date, reason: str) -> None:
    from deferred_payments.applications.services import recovery_holds_release

    if agreement.deferral_allowed_from is None or allowed_from < agreement.deferral_allowed_from:
        agreement.deferral_allowed_from = allowed_from
    if agreement.status == AgreementStatus.APPROVED:
        agreement.status = AgreementStatus.ACTIVE
        recovery_holds_release(acting_user=acting_user, agreement=agreement,
                               note=f"Deferred payment agreement {agreement.reference} is active.")
    save_attributed(agreement, user=acting_user, reason=reason)


def charge_confirm(*, acting_user, charge: LegalCharge, confirmed_on: dt.date | None = None) -> LegalCharge:
    """Confirm the registered charge: deferral is allowed from ``confirmed_on`` and an approved agreement
    becomes active (the recovery holds placed for it are released)."""
    require(acting_user, "deferred_payments.work_client", charge.agreement)
    confirmed_on = confirmed_on or today()
    with transaction.atomic():
        charge = LegalCharge.objects.select_for_update().get(pk=charge.pk)
        agreement = Agreement.objects.select_for_update().get(pk=charge.agreement_id)
        if charge.confirmed_on is not None:
            raise ConflictError("The charge has already been confirmed.", code="confirmed")
        if charge.registered_on is None or not charge.title_number:
            raise ChargeError("Record the title number and registration date first.", code="not_registered")
        if confirmed_on > today() or confirmed_on < charge.registered_on:
            raise ChargeError("The confirmation date must be between the registration date and today.",
                              extra={"confirmed_on": ["Enter a date between registration and today."]})
        if agreement.status not in (AgreementStatus.SIGNED, AgreementStatus.APPROVED, AgreementStatus.ACTIVE):
            raise ConflictError("The agreement is not being set up.", code="not_open")
        charge.confirmed_on = confirmed_on
        charge.confirmed_by = acting_user
        save_attributed(charge, user=acting_user, reason="Legal charge confirmed")
        _activate(acting_user=acting_user, agreement=agreement, allowed_from=confirmed_on,
                  reason="Legal charge confirmed: deferral allowed")
    return charge


def interim_approve(*, acting_user, charge: LegalCharge, note: str, on: dt.date | None = None) -> LegalCharge:
    """A team leader allows deferral before the charge is registered (an explicit interim arrangement)."""
    require(acting_user, "deferred_payments.lead", charge.agreement)
    note = (note or "").strip()
    on = on or today()
    if not note:
        raise ChargeError("Say why deferral may start before the charge is registered.",
                          extra={"note": ["Give the reason."]})
    with transaction.atomic():
        charge = LegalCharge.objects.select_for_update().get(pk=charge.pk)
        agreement = Agreement.objects.select_for_update().get(pk=charge.agreement_id)
        if charge.interim_approved_on is not None or charge.confirmed_on is not None:
            raise ConflictError("Deferral is already allowed.", code="allowed")
        if agreement.status != AgreementStatus.APPROVED:
            raise ConflictError("An interim arrangement is for an approved agreement awaiting its charge.",
                                code="not_approved")
        charge.interim_approved_on = on
        charge.interim_approved_by = acting_user
        charge.interim_note = note
        save_attributed(charge, user=acting_user, reason=f"Interim arrangement approved: {note}")
        _activate(acting_user=acting_user, agreement=agreement, allowed_from=on,
                  reason="Interim arrangement approved: deferral allowed")
    return charge


def insurance_checks_run(*, year: int, on: dt.date) -> dict:
    """The yearly job: for every active agreement, one task to check the home is insured and maintained.
    Unique per (agreement, year) (``InsuranceCheck``), so a re-run or a run after a crash adds only what is
    missing."""
    actor = current_actor()
    by = actor.user if actor is not None and actor.user is not None else system_user()
    summary = {"tasks_created": 0, "no_officer": 0}
    done = set(InsuranceCheck.objects.filter(year=year).values_list("agreement_id", flat=True))
    for agreement in (Agreement.objects.filter(status=AgreementStatus.ACTIVE).exclude(pk__in=done)
                      .select_related("client", "home").order_by("pk")):
        officer = officer_for(agreement.client, on=on)
        if officer is None:
            summary["no_officer"] += 1
            continue
        try:
            with transaction.atomic():
                task = task_give(
                    by=by, assigned_to=officer, agreement=agreement,
                    title=f"Check the home is insured and maintained: {agreement.reference} ({year})",
                    details=(f"Ask for the buildings insurance schedule for "
                             f"{agreement.home.address if agreement.home else 'the home'} and check it is kept in "
                             "good repair, as the agreement requires."),
                    due_date=on + dt.timedelta(days=INSURANCE_CHECK_DUE_DAYS), reason="Yearly insurance check")
                check = InsuranceCheck(agreement=agreement, year=year, task=task)
                save_attributed(check, user=by, reason=f"Yearly insurance check {year}")
        except IntegrityError:
            continue  # another worker made it first
        summary["tasks_created"] += 1
    return summary
