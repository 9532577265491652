"""Demo: an agreement settled after a death. Mrs Royle died 40 days ago (the agreements part records the death);
once the accrual step has posted her agreement's amounts, her estate pays a part-payment and then the rest of
the settlement figure three days ago, so the agreement is settled with its final statement and a task for
legal services to remove the charge. Keyed on the receipt's reference: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

PART_PAYMENT = Decimal("2000.00")  # a demonstration amount: the estate's first payment from the bank account


def seed_demo_step(run) -> dict[str, int]:
    from deferred_payments.agreements.choices import AgreementStatus
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.ending.services import repayment_record
    from deferred_payments.ending.settlement import SettlementError, settlement_figure

    nadia = run.made["users"]["nadia"]
    on = run.on
    settled = 0
    for agreement in Agreement.objects.filter(status=AgreementStatus.ENDING, ending__reason="death",
                                              ending__settled_on__isnull=True).select_related("ending"):
        paid_on = max(agreement.ending.event_on, on - dt.timedelta(days=3))
        repayment_record(acting_user=nadia, agreement=agreement, kind="part_payment", amount=PART_PAYMENT,
                         received_on=min(agreement.ending.event_on + dt.timedelta(days=10), paid_on),
                         reference=f"ESTATE-PART-{agreement.reference}")
        try:
            figure = settlement_figure(agreement, as_at=paid_on).figure
        except SettlementError:
            continue
        if figure > 0:
            repayment_record(acting_user=nadia, agreement=agreement, kind="proceeds", amount=figure,
                             received_on=paid_on, reference=f"ESTATE-{agreement.reference}")
        agreement.refresh_from_db()
        settled += int(agreement.status == AgreementStatus.SETTLED)
    return {"settled": settled}
