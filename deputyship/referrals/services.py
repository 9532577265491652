"""The only writers of referrals and applications: intake, the council's threshold, the documents
checklist and its chasing, interested parties and their letters, assets and liabilities, the court
application's dates and the order received, and the appointeeship's BF56/BF57 and DWP reviews.

Every function is keyword-only with ``acting_user``, atomic, checks its rule and gives the history a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.context import current_actor, system_user
from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_record, bond_record, casework_officer_for
from deputyship.referrals.choices import AssetKind, AssetType, AuthoritySought, CourtForm, ReferralSource, Urgency
from deputyship.referrals.models import (
    ApplicationThreshold, AppointeeReview, InterestedParty, Referral, ReferralAsset, ReferralDocument,
)
from documents.choices import DocumentKind
from people.choices import Relationship, TaskStatus
from people.models import ClientContact, Task
from people.selectors import today

#: Days care management is given to return a document: the council's working choice (the issue and the
#: domain notes set no figure), shorter for an urgent referral. Shown on the checklist and in the docs.
RETURN_WITHIN_DAYS = {Urgency.URGENT: 7, Urgency.ROUTINE: 21}

#: The checklist a deputyship application starts with (gov.uk, "Apply to be a deputy",
#: https://www.gov.uk/become-deputy/apply-deputy): the application (COP1) with its property and affairs
#: annex (COP1A), the assessment of capacity (COP3; the court may not accept an application without it)
#: and the deputy's declaration (COP4). COP24 is added by hand when no capacity assessment can be had.
DEPUTYSHIP_CHECKLIST = [
    (CourtForm.COP3, "COP3 Assessment of capacity", "Care management (the client's social worker or doctor)"),
    (CourtForm.COP1A, "COP1A Supporting information: assets, income and debts", "Care management"),
    (CourtForm.COP1, "COP1 Application form", "Client affairs officer"),
    (CourtForm.COP4, "COP4 Deputy's declaration", "The council's named deputy"),
]

#: The contacts who are told of an application: people around the client, not organisations.
PARTY_RELATIONSHIPS = (Relationship.RELATIVE, Relationship.NEXT_OF_KIN, Relationship.FRIEND, Relationship.ATTORNEY,
                       Relationship.EXECUTOR, Relationship.ADVOCATE)


class ReferralError(ApplicationError):
    code = "referral"


def _words(value: str, what: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ReferralError(f"Enter {what}.", extra={what.split()[-1]: [f"Enter {what}."]})
    return text


def _not_future(day: dt.date, what: str) -> None:
    if day > today():
        raise ReferralError(f"The {what} cannot be in the future.")


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("client").get(pk=referral.pk)


def _task_done(task: Task | None, *, acting_user, outcome: str, reason: str) -> None:
    """Close the task a piece of work was waiting on, if it is still open: the work it asked for is done."""
    if task is None or task.status not in (TaskStatus.OPEN, TaskStatus.OVERDUE):
        return
    task.status, task.completed_by, task.outcome = TaskStatus.DONE, acting_user, outcome
    task.completed_at = timezone.now()
    save_attributed(task, user=acting_user, reason=reason)


def _open(referral: Referral) -> None:
    if referral.closed_on is not None:
        raise ReferralError("This referral is closed.")
    if referral.authority_id is not None:
        raise ReferralError("This referral has already led to an authority.")


# --- the threshold ----------------------------------------------------------------------------------------

def threshold_set(*, acting_user, basis: str, amount: Decimal, effective_from: dt.date, source: str,
                  reason: str) -> ApplicationThreshold:
    """A team leader sets the council's threshold from a date (a new row; the old one stays for its dates)."""
    require(acting_user, "deputyship.lead")
    source, reason = _words(source, "the source"), _words(reason, "the reason")
    if amount is None or amount < 0:
        raise ReferralError("The threshold must be £0 or more.")
    if ApplicationThreshold.objects.filter(effective_from=effective_from).exists():
        raise ReferralError("A threshold already starts on that date: choose another date.")
    threshold = ApplicationThreshold(basis=basis, amount=amount, effective_from=effective_from, source=source,
                                     reason=reason, recorded_by=acting_user)
    with transaction.atomic():
        save_attributed(threshold, user=acting_user, reason=reason)
    return threshold


def threshold_in_force(*, on: dt.date | None = None) -> ApplicationThreshold | None:
    return ApplicationThreshold.objects.filter(effective_from__lte=on or today()).order_by("-effective_from").first()


def authority_suggested(*, referral: Referral) -> tuple[str | None, str]:
    """Which authority the council's threshold points to, from the assets gathered (benefits left out), and why."""
    threshold = threshold_in_force()
    if threshold is None:
        return None, "No threshold is set: a team leader sets it under Client affairs, Thresholds."
    assets = referral.assets.filter(kind=AssetKind.ASSET).exclude(asset_type=AssetType.BENEFIT)
    if threshold.basis == "savings":
        assets = assets.filter(asset_type__in=[AssetType.BANK, AssetType.INVESTMENT])
    total = sum((a.value for a in assets), Decimal("0.00"))
    if total > threshold.amount:
        return AuthoritySought.DEPUTYSHIP, (f"£{total:,.2f} ({threshold.get_basis_display().lower()}) is over the "
                                            f"council's threshold of £{threshold.amount:,.2f}: apply for a deputyship.")
    return AuthoritySought.APPOINTEESHIP, (f"£{total:,.2f} ({threshold.get_basis_display().lower()}) is within the "
                                           f"council's threshold of £{threshold.amount:,.2f}: an appointeeship may be "
                                           "enough if benefits are the only income.")


# --- intake -----------------------------------------------------------------------------------------------

def referral_create(*, acting_user, client, source: str, referrer: str, referred_on: dt.date, urgency: str,
                    reason: str, authority_sought: str) -> Referral:
    """Take a referral; a deputyship referral starts with the court forms' checklist, due back from care
    management within :data:`RETURN_WITHIN_DAYS`."""
    require(acting_user, "deputyship.work_client", client)
    if source not in ReferralSource.values or urgency not in Urgency.values:
        raise ReferralError("Choose where the referral came from and how urgent it is.")
    if authority_sought not in AuthoritySought.values:
        raise ReferralError("Choose the authority sought.", extra={"authority_sought": ["Choose the authority sought."]})
    referrer, reason = _words(referrer, "who referred"), _words(reason, "the reason")
    _not_future(referred_on, "referral date")
    with transaction.atomic():
        if Referral.objects.select_for_update().filter(client=client, closed_on__isnull=True,
                                                       authority__isnull=True).exists():
            raise ReferralError("This client already has a referral being worked: carry on with that one.")
        referral = Referral(client=client, source=source, referrer=referrer, referred_on=referred_on, urgency=urgency,
                            reason=reason, authority_sought=authority_sought, created_by=acting_user)
        save_attributed(referral, user=acting_user, reason="Referral received")
        if authority_sought == AuthoritySought.DEPUTYSHIP:
            due = referred_on + dt.timedelta(days=RETURN_WITHIN_DAYS[urgency])
            for form, title, whom in DEPUTYSHIP_CHECKLIST:
                save_attributed(ReferralDocument(referral=referral, form=form, title=title, from_whom=whom,
                                                 requested_on=referred_on, due_on=max(due, referred_on)),
                                user=acting_user, reason="On the application's checklist")
    return referral


def referral_close(*, acting_user, referral: Referral, closed_on: dt.date, reason: str) -> Referral:
    require(acting_user, "deputyship.work_client", referral.client)
    reason = _words(reason, "the reason")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if closed_on < referral.referred_on:
            raise ReferralError("A referral cannot close before it was received.")
        referral.closed_on, referral.closed_reason = closed_on, reason
        save_attributed(referral, user=acting_user, reason=f"Closed: {reason}")
    return referral


# --- documents --------------------------------------------------------------------------------------------

def referral_document_add(*, acting_user, referral: Referral, form: str, title: str, from_whom: str,
                          due_on: dt.date) -> ReferralDocument:
    require(acting_user, "deputyship.work_client", referral.client)
    if form not in CourtForm.values:
        raise ReferralError("Choose the form.")
    title, from_whom = _words(title, "the document's name"), _words(from_whom, "who returns it")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if due_on < today():
            raise ReferralError("The due date cannot be in the past.")
        if referral.documents.filter(title=title).exists():
            raise ReferralError("That document is already on the checklist.")
        document = ReferralDocument(referral=referral, form=form, title=title, from_whom=from_whom,
                                    requested_on=today(), due_on=due_on)
        save_attributed(document, user=acting_user, reason="Added to the application's checklist")
    return document


def referral_document_returned(*, acting_user, document: ReferralDocument, returned_on: dt.date) -> ReferralDocument:
    require(acting_user, "deputyship.work_client", document.referral.client)
    _not_future(returned_on, "date it came back")
    with transaction.atomic():
        document = ReferralDocument.objects.select_for_update().get(pk=document.pk)
        if document.returned_on is not None:
            raise ReferralError("That document is already recorded as returned.")
        if returned_on < document.requested_on:
            raise ReferralError("A document cannot come back before it was asked for.")
        document.returned_on = returned_on
        save_attributed(document, user=acting_user, reason="Returned")
        _task_done(document.chase_task, acting_user=acting_user, outcome="The document came back.",
                   reason="Document returned")
    return document


def referral_documents_chase_run(*, on: dt.date) -> dict:
    """The daily job's work: each checklist document still out after its due date gets one chase task for the
    client's client affairs officer (or the team's leader). Exactly once per document: ``chase_task`` is set in
    the same transaction as the task is made, and only documents without one are picked."""
    actor = current_actor()
    by = actor.user if actor is not None and actor.user is not None else system_user()
    summary = {"chase_tasks": 0, "no_officer": 0}
    with transaction.atomic():
        due = (ReferralDocument.objects.select_for_update(of=("self",), skip_locked=True)
               .filter(returned_on__isnull=True, due_on__lt=on, chase_task__isnull=True,
                       referral__closed_on__isnull=True, referral__authority__isnull=True,
                       referral__submitted_on__isnull=True)
               .select_related("referral__client").order_by("due_on", "pk"))
        for document in due:
            client = document.referral.client
            officer = casework_officer_for(client, on=on)
            if officer is None:
                summary["no_officer"] += 1
                continue
            task = Task(title=f"Chase {document.title} for {client.display_name}",
                        details=(f"{document.title} was due back from {document.from_whom} on "
                                 f"{document.due_on:%d %B %Y} and has not been returned. The application to the Court "
                                 "of Protection waits for it."),
                        client=client, assigned_to=officer, due_date=on + dt.timedelta(days=2),
                        status=TaskStatus.OPEN, created_by=by)
            task.subject = document
            save_attributed(task, user=by, reason="Document overdue")
            document.chase_task = task
            save_attributed(document, user=by, reason=f"Chased: due {document.due_on:%d %B %Y}")
            summary["chase_tasks"] += 1
    return summary


# --- interested parties -----------------------------------------------------------------------------------

def referral_party_add(*, acting_user, referral: Referral, link: ClientContact,
                       relationship: str = "") -> InterestedParty:
    """Name a relative or other interested party (one of the client's recorded contacts) to be told."""
    require(acting_user, "deputyship.work_client", referral.client)
    if link.client_id != referral.client_id:
        raise ReferralError("Choose one of this client's contacts.")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if referral.submitted_on is not None:
            raise ReferralError("The application has been submitted: name further parties to the court directly.")
        if referral.parties.filter(contact_id=link.contact_id).exists():
            raise ReferralError(f"{link.contact.name} is already named.")
        party = InterestedParty(referral=referral, contact=link.contact,
                                relationship=(relationship or link.description or link.get_relationship_display()))
        save_attributed(party, user=acting_user, reason="Interested party identified")
    return party


def referral_parties_notify(*, acting_user, referral: Referral) -> list[InterestedParty]:
    """Tell every party not yet told, in one go: a letter each (through ``documents``), the notification
    recorded with its letter. Refused, changing nothing, if any of them has no postal address."""
    from documents.services import document_request

    require(acting_user, "deputyship.work_client", referral.client)
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        waiting = list(referral.parties.filter(notified_on__isnull=True).select_related("contact"))
        if not waiting:
            raise ReferralError("Everyone named has already been told." if referral.parties.exists()
                                else "Name the relatives and interested parties first.")
        no_address = [p.contact.name for p in waiting if not p.contact.address.strip()]
        if no_address:
            raise ReferralError(f"Record a postal address first for: {', '.join(no_address)}.")
        on = today()
        for party in waiting:
            letter = document_request(acting_user=acting_user, client=referral.client,
                                      kind=DocumentKind.DEPUTYSHIP_PARTY_NOTICE,
                                      request_key=f"dep-party-{party.pk}",
                                      letter_args={"party": party, "referral": referral})
            party.notified_on, party.letter, party.notified_by = on, letter, acting_user
            save_attributed(party, user=acting_user, reason="Told of the application by letter")
    return waiting


def referral_no_parties_record(*, acting_user, referral: Referral, reason: str) -> Referral:
    """Record that no relative or interested party could be found, and what was done to look."""
    require(acting_user, "deputyship.work_client", referral.client)
    reason = _words(reason, "what was done to look")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        referral.no_parties_reason = reason
        save_attributed(referral, user=acting_user, reason="No interested party found")
    return referral


# --- assets and liabilities -------------------------------------------------------------------------------

def referral_asset_add(*, acting_user, referral: Referral, kind: str, asset_type: str, description: str,
                       value: Decimal, valued_on: dt.date, held_with: str = "") -> ReferralAsset:
    require(acting_user, "deputyship.work_client", referral.client)
    if kind not in AssetKind.values or asset_type not in AssetType.values:
        raise ReferralError("Choose whether it is an asset or a debt, and what kind.")
    description = _words(description, "a description")
    if value is None or value < 0:
        raise ReferralError("The value must be £0 or more.", extra={"value": ["The value must be £0 or more."]})
    _not_future(valued_on, "valuation date")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        asset = ReferralAsset(referral=referral, kind=kind, asset_type=asset_type, description=description,
                              held_with=(held_with or "").strip(), value=value, valued_on=valued_on)
        save_attributed(asset, user=acting_user, reason=f"{asset.get_kind_display()} found")
    return asset


# --- the court application --------------------------------------------------------------------------------

def submission_blockers(*, referral: Referral) -> list[str]:
    """Why the application cannot go to the court yet, in words (empty: it can)."""
    blockers = []
    if not referral.is_deputyship:
        blockers.append("Only a deputyship application goes to the Court of Protection.")
    outstanding = [d.title for d in referral.documents.all() if d.returned_on is None]
    if outstanding:
        blockers.append(f"Documents not yet returned: {', '.join(outstanding)}.")
    parties = list(referral.parties.all())
    untold = [p.contact.name for p in parties if p.notified_on is None]
    if untold:
        blockers.append(f"Interested parties not yet told of the application: {', '.join(untold)}. Tell them first.")
    if not parties and not referral.no_parties_reason.strip():
        blockers.append("No relative or interested party has been identified: name them, or record what was done to "
                        "look and why there is no one.")
    return blockers


def referral_submit(*, acting_user, referral: Referral, submitted_on: dt.date) -> Referral:
    """Record the application sent to the Court of Protection. Refused until every document is back and every
    interested party has been told (PostgreSQL refuses it too)."""
    require(acting_user, "deputyship.work_client", referral.client)
    _not_future(submitted_on, "submission date")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if referral.submitted_on is not None:
            raise ReferralError("The application has already been submitted.")
        blockers = submission_blockers(referral=referral)
        if blockers:
            raise ReferralError(" ".join(blockers), code="not_ready")
        if submitted_on < referral.referred_on:
            raise ReferralError("The application cannot be submitted before the referral.")
        referral.submitted_on = submitted_on
        try:
            with transaction.atomic():
                save_attributed(referral, user=acting_user, reason="Application submitted to the Court of Protection")
        except IntegrityError as exc:
            raise ReferralError("Every interested party must be told of the application before it is submitted.",
                                code="not_ready") from exc
    return referral


def referral_issued(*, acting_user, referral: Referral, issued_on: dt.date) -> Referral:
    require(acting_user, "deputyship.work_client", referral.client)
    _not_future(issued_on, "issue date")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if referral.submitted_on is None:
            raise ReferralError("Record the submission first.")
        if issued_on < referral.submitted_on:
            raise ReferralError("The court cannot issue the application before it was submitted.")
        referral.issued_on = issued_on
        save_attributed(referral, user=acting_user, reason="Application issued by the court")
    return referral


def referral_order_record(*, acting_user, referral: Referral, made_on: dt.date, reference: str, scope: str,
                          restrictions: str = "", may_sell_property: bool = False, may_make_gifts: bool = False,
                          gift_limit: Decimal | None = None, payment_limit: Decimal | None = None,
                          bond_provider: str = "", bond_amount: Decimal | None = None,
                          bond_premium: Decimal | None = None, bond_renewal_on: dt.date | None = None):
    """The court's order received: the legal authority is recorded (``authority_record``) and, if the order
    requires one, the security bond with its renewal task."""
    require(acting_user, "deputyship.work_client", referral.client)
    reference = _words(reference, "the order's reference")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if not referral.is_deputyship:
            raise ReferralError("An appointeeship is approved by the DWP (BF57), not by a court order.")
        if referral.submitted_on is None:
            raise ReferralError("Record the application's submission before the order.")
        if made_on < referral.submitted_on:
            raise ReferralError("The order cannot be made before the application was submitted.")
        authority = authority_record(
            acting_user=acting_user, client=referral.client, kind=AuthorityKind.DEPUTY, reference=reference,
            made_on=made_on, starts_on=made_on, reason=f"Court of Protection order {reference} received",
            may_sell_property=may_sell_property, may_make_gifts=may_make_gifts, gift_limit=gift_limit,
            payment_limit=payment_limit, scope=scope, restrictions=restrictions)
        referral.authority = authority
        save_attributed(referral, user=acting_user, reason="Order received")
        if bond_provider or bond_amount:
            if not (bond_provider and bond_amount and bond_premium is not None and bond_renewal_on):
                raise ReferralError("For the security bond give the provider, amount, premium and renewal date.")
            bond_record(acting_user=acting_user, authority=authority, provider=bond_provider, amount=bond_amount,
                        premium=bond_premium, starts_on=made_on, renewal_on=bond_renewal_on)
    return authority


# --- the appointeeship ------------------------------------------------------------------------------------

def referral_dwp_dates(*, acting_user, referral: Referral, bf56_sent_on: dt.date | None = None,
                       dwp_visit_on: dt.date | None = None) -> Referral:
    """Record the BF56 sent and the DWP's visit (the visit may be booked ahead)."""
    require(acting_user, "deputyship.work_client", referral.client)
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if referral.is_deputyship:
            raise ReferralError("BF56 and the DWP's visit are for an appointeeship.")
        if bf56_sent_on is not None:
            _not_future(bf56_sent_on, "BF56 date")
            if bf56_sent_on < referral.referred_on:
                raise ReferralError("The BF56 cannot be sent before the referral.")
            referral.bf56_sent_on = bf56_sent_on
        if dwp_visit_on is not None:
            if (referral.bf56_sent_on or bf56_sent_on) is None:
                raise ReferralError("Record the BF56 first.")
            referral.dwp_visit_on = dwp_visit_on
        save_attributed(referral, user=acting_user, reason="DWP appointeeship dates")
    return referral


def referral_bf57_record(*, acting_user, referral: Referral, approved_on: dt.date, reference: str,
                         first_review_on: dt.date | None = None):
    """The DWP approved the appointeeship (BF57): the legal authority (appointee) is recorded."""
    require(acting_user, "deputyship.work_client", referral.client)
    reference = _words(reference, "the DWP's reference")
    with transaction.atomic():
        referral = _locked(referral)
        _open(referral)
        if referral.is_deputyship:
            raise ReferralError("A deputyship is made by the court's order, not a BF57.")
        if referral.bf56_sent_on is None:
            raise ReferralError("Record the BF56 sent first.")
        if approved_on < referral.bf56_sent_on:
            raise ReferralError("The BF57 approval cannot come before the BF56 was sent.")
        authority = authority_record(
            acting_user=acting_user, client=referral.client, kind=AuthorityKind.APPOINTEE, reference=reference,
            made_on=approved_on, starts_on=approved_on, reason="DWP appointeeship approved (BF57)",
            scope="State benefits: claiming, receiving and spending them for the client")
        referral.bf57_approved_on, referral.authority = approved_on, authority
        save_attributed(referral, user=acting_user, reason="Appointeeship approved (BF57)")
        if first_review_on is not None:
            appointee_review_add(acting_user=acting_user, authority=authority, due_on=first_review_on)
    return authority


def appointee_review_add(*, acting_user, authority, due_on: dt.date) -> AppointeeReview:
    """A DWP review date, with a task for the officer due on the day."""
    require(acting_user, "deputyship.work_client", authority.client)
    if authority.kind != AuthorityKind.APPOINTEE:
        raise ReferralError("DWP reviews are of an appointeeship.")
    if due_on < today():
        raise ReferralError("The review date cannot be in the past.")
    with transaction.atomic():
        if AppointeeReview.objects.filter(authority=authority, due_on=due_on).exists():
            raise ReferralError("A review is already recorded for that date.")
        review = AppointeeReview(authority=authority, client=authority.client, due_on=due_on)
        save_attributed(review, user=acting_user, reason="DWP review due")
        officer = casework_officer_for(authority.client) or acting_user
        task = Task(title=f"DWP appointeeship review for {authority.client.display_name}",
                    details=f"The DWP reviews the appointeeship ({authority.reference}) on {due_on:%d %B %Y}: have "
                            "the benefit records and spending ready.",
                    client=authority.client, assigned_to=officer, due_date=due_on, created_by=acting_user)
        task.subject = review
        save_attributed(task, user=acting_user, reason="DWP review due")
        review.task = task
        save_attributed(review, user=acting_user, reason="Task given")
    return review


def appointee_review_held(*, acting_user, review: AppointeeReview, held_on: dt.date, outcome: str) -> AppointeeReview:
    """The DWP's review of the appointeeship held, with what it found: recorded once. The review may have been
    brought forward or put back, so it may be held before or after the date it was due, but not in the future,
    not before the appointeeship began and not after it ended. The officer's task for the review is done."""
    require(acting_user, "deputyship.work_client", review.client)
    outcome = _words(outcome, "the outcome")
    _not_future(held_on, "date the review was held")
    with transaction.atomic():
        review = (AppointeeReview.objects.select_for_update(of=("self",)).select_related("authority", "task")
                  .get(pk=review.pk))
        if review.held_on is not None:
            raise ReferralError(f"This review is already recorded as held on {review.held_on:%d %B %Y}.")
        authority = review.authority
        wrong = ""
        if held_on < authority.starts_on:
            wrong = f"A review cannot be held before the appointeeship began on {authority.starts_on:%d %B %Y}."
        elif authority.ends_on is not None and held_on > authority.ends_on:
            wrong = f"The appointeeship ended on {authority.ends_on:%d %B %Y}: a review cannot be held after it."
        if wrong:
            raise ReferralError(wrong, extra={"held_on": [wrong]})
        review.held_on, review.outcome = held_on, outcome
        save_attributed(review, user=acting_user, reason="DWP review held")
        _task_done(review.task, acting_user=acting_user, outcome=f"Review held: {outcome}"[:2000],
                   reason="DWP review held")
    return review
