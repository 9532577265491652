"""Demo: the deferred payments team's agreements (Marsh, Tindall, Royle) accrued up to today, and a statement
issued. Where no agreement exists yet for those clients (the agreements part seeds them when it is present),
three active agreements are made here, started about two years ago, with weekly deferrals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.history import save_attributed
from deferred_payments.accrual.services import accrual_run
from deferred_payments.agreements.choices import AgreementStatus, Compounding, DayBasis
from deferred_payments.agreements.models import Agreement, WeeklyDeferral
from deferred_payments.agreements.services import debt_account_open
from deferred_payments.interest.calculator import equity_limit
from deferred_payments.statements.choices import StatementKind
from deferred_payments.statements.models import AgreementStatement
from deferred_payments.statements.services import last_ended_period, statements_make, statements_render
from people.selectors import today

# (surname, home value, weekly deferral, compounding, months ago it started)
AGREEMENTS = {
    "Marsh": (Decimal("235000"), Decimal("612.45"), Compounding.DAILY, 26),
    "Tindall": (Decimal("180000"), Decimal("780.00"), Compounding.MONTHLY, 20),
    "Royle": (Decimal("52000"), Decimal("540.00"), Compounding.SIMPLE, 30),
}
LOWER_CAPITAL_LIMIT = Decimal("14250")  # ../shared/domain/deferred_payments.md (equity limit example)


def _agreements(run) -> int:
    from people.demo import DEFERRED, clients_of

    users = run.made["users"]
    officer, leader = users["nadia"], users["imran"]
    made = 0
    for client, _person, _index in clients_of(run, DEFERRED):
        if client.last_name not in AGREEMENTS or client.deferred_payment_agreements.exists():
            continue
        value, weekly, compounding, months = AGREEMENTS[client.last_name]
        starts_on = (today().replace(day=1) - dt.timedelta(days=months * 30)).replace(day=1)
        limit = equity_limit(value=value, share_percent=Decimal(100), percent_of_value=Decimal(90),
                             lower_capital_limit=LOWER_CAPITAL_LIMIT).limit
        agreement = Agreement(reference=f"DPA-DEMO-{client.pk}", client=client, status=AgreementStatus.ACTIVE,
                              compounding=compounding, day_basis=DayBasis.DAYS_365, equity_limit=limit,
                              starts_on=starts_on, deferral_allowed_from=starts_on + dt.timedelta(days=14),
                              prepared_by=officer, approved_by=leader)
        save_attributed(agreement, user=leader, reason="Demo data")
        debt_account_open(acting_user=officer, agreement=agreement)
        save_attributed(WeeklyDeferral(agreement=agreement, effective_from=starts_on, amount=weekly,
                                       source="Demo financial assessment", recorded_by=officer),
                        user=officer, reason="Demo data")
        made += 1
    return made


def seed_demo_step(run) -> dict[str, int]:
    made = _agreements(run)
    summary = accrual_run(on=today())
    _start, end = last_ended_period(on=today())
    ids = list(Agreement.objects.filter(status__in=(AgreementStatus.ACTIVE, AgreementStatus.ENDING),
                                        starts_on__lte=end).values_list("pk", flat=True))
    before = AgreementStatement.objects.filter(kind=StatementKind.SIX_MONTHLY, period_end=end).count()
    statements_render(statement_ids=statements_make(agreement_ids=ids, end=end))
    stated = AgreementStatement.objects.filter(kind=StatementKind.SIX_MONTHLY, period_end=end).count() - before
    return {"agreements": made, "deferrals": summary.get("deferral", 0), "interest": summary.get("interest", 0),
            "fees": summary.get("fee", 0), "statements": stated}
