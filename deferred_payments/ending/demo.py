"""Demo: an agreement settled after a death. Once the accrual step has posted two years of Mrs Royle's
agreement (weekly deferrals, fees and interest), she dies on the last day of the last week deferred (so nothing
is deferred after her death), her estate pays a part-payment and then the rest of the settlement figure, and the
agreement is settled with its final statement and a task for legal services to remove the charge. Keyed on
the agreement's ending and its receipts' references: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

PART_PAYMENT = Decimal("2000.00")  # a demonstration amount: the estate's first payment from her bank account
WHO = "Royle"


def last_week_end(agreement, *, on: dt.date) -> dt.date:
    """The last day of the last whole week deferred by ``on`` (week k runs from ``deferral_allowed_from + 7k``)."""
    start = agreement.deferral_allowed_from
    weeks = ((on - start).days + 1) // 7
    return start + dt.timedelta(days=7 * weeks - 1) if weeks else start


def seed_demo_step(run) -> dict[str, int]:
    from deferred_payments.agreements.choices import AgreementStatus
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.ending.services import ending_record, repayment_record
    from deferred_payments.ending.settlement import SettlementError, settlement_figure
    from people.demo import DEFERRED, clients_of

    nadia = run.made["users"]["nadia"]
    on = run.on
    settled = 0
    for client, person, _ in clients_of(run, DEFERRED):
        if person.last_name != WHO:
            continue
        agreement = Agreement.objects.filter(client=client, status__in=[AgreementStatus.ACTIVE, AgreementStatus.ENDING],
                                             deferral_allowed_from__isnull=False).order_by("id").first()
        if agreement is None:
            continue
        if agreement.status == AgreementStatus.ACTIVE:
            ending_record(acting_user=nadia, agreement=agreement, reason="death",
                          event_on=last_week_end(agreement, on=on))
            agreement.refresh_from_db()
        repayment_record(acting_user=nadia, agreement=agreement, kind="part_payment", amount=PART_PAYMENT,
                         received_on=on, reference=f"ESTATE-PART-{agreement.reference}")
        try:
            figure = settlement_figure(agreement, as_at=on).figure
        except SettlementError:
            continue
        if figure > 0:
            repayment_record(acting_user=nadia, agreement=agreement, kind="proceeds", amount=figure,
                             received_on=on, reference=f"ESTATE-{agreement.reference}")
        agreement.refresh_from_db()
        settled += int(agreement.status == AgreementStatus.SETTLED)
    return {"settled": settled}
