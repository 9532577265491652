"""Demonstration casework for the financial assessment team's clients, through the services as the
people who would do it: two top-up agreements (a daughter paying a third-party top-up, invoiced
twice, the second invoice missed and followed up by Priya; a resident paying their own under a
deferred payment agreement), a review request with its outcome, and a welfare benefits referral.

Priya (``users["priya"]``) records everything; Sam (``users["sam"]``, the team leader) raises the
invoices. Run it after :func:`charging.demo.seed_charging` (it uses the residential care packages
that made). Running it again adds nothing: if any of the clients already has a top-up agreement, it
does nothing.
"""

from __future__ import annotations

import datetime as dt

from charging.casework.services import appeals, referrals, topups
from charging.casework.models import TopUpAgreement, TopUpInvoice
from charging.assessments.choices import AssessmentStatus, CareSetting
from charging.assessments.models import Assessment, CarePackage
from people import services as people_services
from people.choices import ContactKind, Relationship
from people.selectors import today


def _clients(clients: list) -> list:
    """``clients`` as seed_demo passes them, ``(client, DemoClient, index)``, or plain clients."""
    return [item[0] if isinstance(item, tuple) else item for item in clients]


def seed_casework(*, on: dt.date, users: dict, clients: list) -> dict[str, int]:
    """Add the demo casework (see the module's docstring). Returns counts of what was added."""
    added = {"top-up agreements": 0, "top-up invoices": 0, "missed top-ups followed up": 0, "appeals": 0,
             "referrals": 0}
    people = [c for c in _clients(clients) if not c.date_of_death]
    if not people or TopUpAgreement.objects.filter(client__in=people).exists():
        return added
    priya, sam = users["priya"], users["sam"]
    day = min(on, today())
    packages = list(CarePackage.objects.filter(client__in=people, setting=CareSetting.RESIDENTIAL, end_date__isnull=True)
                    .select_related("client").order_by("client__last_name", "pk"))

    if packages:
        package = packages[0]
        client = package.client
        daughter = people_services.contact_create(
            acting_user=priya, kind=ContactKind.PERSON, name=f"Joanne {client.last_name}",
            phone="07700 900417", reason="Daughter, paying a top-up")
        people_services.client_contact_link(acting_user=priya, client=client, contact=daughter,
                                            relationship=Relationship.RELATIVE, description="Daughter")
        start = day - dt.timedelta(weeks=12)
        agreement = topups.topup_agreement_create(
            acting_user=priya, client=client, care_package=package, payer_kind="third_party", payer=daughter,
            weekly_amount="85.00", start_date=start, reason="Family chose a room with a garden view",
            notes="The council's usual rate for this home is lower; Joanne pays the difference.")
        topups.topup_agreement_sign(acting_user=priya, agreement=agreement, signed_on=start - dt.timedelta(days=3))
        added["top-up agreements"] += 1
        for period_start in (start, start + dt.timedelta(days=topups.PERIOD_DAYS)):
            summary = topups.topup_invoices_raise(acting_user=sam, period_start=period_start,
                                                  period_end=period_start + dt.timedelta(days=topups.PERIOD_DAYS - 1))
            added["top-up invoices"] += summary["raised"]
        first, second = TopUpInvoice.objects.filter(agreement=agreement).order_by("period_start")
        topups.topup_invoice_record_payment(acting_user=priya, invoice=first, paid_on=first.due_date - dt.timedelta(days=2),
                                            amount_paid=first.amount)
        # The second is unpaid 14 days after it was due: the morning job marks it missed and gives
        # Priya a task to follow it up.
        added["missed top-ups followed up"] += topups.topups_follow_up(day)["tasks_created"]

    if len(packages) > 1:
        package = packages[1]
        agreement = topups.topup_agreement_create(
            acting_user=priya, client=package.client, care_package=package, payer_kind="resident",
            first_party_case="deferred_payment", weekly_amount="40.00", start_date=day - dt.timedelta(days=10),
            reason="Resident tops up from her deferred payment agreement")
        topups.topup_agreement_sign(acting_user=priya, agreement=agreement, signed_on=day - dt.timedelta(days=12))
        added["top-up agreements"] += 1

    assessment = (Assessment.objects.filter(client__in=people, status=AssessmentStatus.APPROVED)
                  .select_related("client").order_by("client__last_name", "pk").first())
    if assessment is not None:
        appeal = appeals.appeal_record(
            acting_user=priya, client=assessment.client, kind="review", assessment=assessment,
            received_on=day - dt.timedelta(days=30),
            grounds="Says the charge leaves too little for her hearing aid batteries and taxis to the audiology clinic.")
        appeals.appeal_outcome_record(
            acting_user=priya, appeal=appeal, outcome="not_upheld", outcome_on=day - dt.timedelta(days=6),
            reasons="Batteries are supplied free by the NHS clinic and the taxis are paid by the hospital transport "
                    "scheme, so neither is disability-related expenditure she pays herself. Letter sent explaining "
                    "how to complain if she is unhappy.")
        added["appeals"] += 1
        referrals.referral_make(
            acting_user=priya, client=assessment.client, to="welfare_benefits",
            reason="Receives Attendance Allowance at the lower rate but now needs help at night: may qualify for the "
                   "higher rate.")
        added["referrals"] += 1
    return added
