"""Direct debits' part of ``manage.py seed_demo``, after the debtor accounts (``debt-recovery``):

- the first three debtors pay by direct debit from their own accounts, set up by Dev, the debt recovery
  officer, six weeks ago: one a fixed £86.50 every four weeks, the others monthly (a fixed £120, and the
  balance owing);
- the daily direct debit run replayed over those six weeks, so the instructions are lodged (AUDDIS file),
  the first collections were announced ten working days ahead, went to the bureau in a Standard 18 file and
  were recorded as payments on their dates, and the next ones are scheduled with their advance notices;
- one instruction given today, waiting for tomorrow's AUDDIS file (the *Direct debits* panel counts it).

Run again it adds nothing: debtors that have a direct debit are skipped and the replay runs only while no
run exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

REPLAY_DAYS = 42
PLANS = (  # sort code, account (each pair passes the modulus check), frequency, amount basis, amount
    ("309457", "31926819", "four_weekly", "fixed", Decimal("86.50")),
    ("401627", "58203350", "monthly", "fixed", Decimal("120.00")),
    ("204578", "10442879", "monthly", "balance", None),
)


def seed_demo_step(run) -> dict[str, int]:
    from core.exceptions import ApplicationError
    from debt_recovery.accounts.models import DebtorAccount
    from debt_recovery.directdebits.models import CollectionRun, Mandate
    from debt_recovery.directdebits.services import collection_run, mandate_create

    officer = run.made["users"]["dev"]
    start = run.on - dt.timedelta(days=REPLAY_DAYS)
    debtors = [d for d in DebtorAccount.objects.filter(status="open", mandates__isnull=True)
               .select_related("client").order_by("reference") if d.client.addresses.exists()]
    made = {"mandates": 0, "collection_runs": 0}
    if Mandate.objects.exists():
        return made
    for debtor, (sort_code, account, frequency, basis, amount) in zip(debtors, PLANS + PLANS[:1]):
        pending = made["mandates"] == len(PLANS)
        try:
            mandate_create(acting_user=officer, debtor=debtor, payer_name=debtor.name, sort_code=sort_code,
                           account_number=account, frequency=frequency, amount_basis=basis, regular_amount=amount,
                           signed_on=run.on if pending else start,
                           first_collection_on=(run.on if pending else start) + dt.timedelta(days=14))
        except ApplicationError:  # e.g. the client is not held by the debt recovery team
            continue
        made["mandates"] += 1
        if made["mandates"] == len(PLANS) and not CollectionRun.objects.exists():
            for back in range(REPLAY_DAYS, 0, -1):
                collection_run(on=run.on - dt.timedelta(days=back))
                made["collection_runs"] += 1
        if pending:
            break
    return made
