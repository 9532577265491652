"""Payments' and payment plans' part of ``manage.py seed_demo``, after the debtor accounts and the
ladder (``debt-recovery``, ``debt-recovery-ladder``), as Dev, the debt recovery officer, would have left
them:

- payments by card, cheque, bank transfer and cash from four debtors in the last three weeks, set
  against their charges oldest first;
- an unidentified bank transfer of £45.00 waiting in suspense;
- a debtor who paid £60.00 more than they owed, and Dev's request to refund it, awaiting Joan's approval;
- a payment plan in force (£20 a week from an income and expenditure statement taken today);
- a payment plan agreed ten weeks ago whose second instalment was never paid: the daily plans job has
  broken it, released its hold and given Dev a task.

Run again it adds nothing: each piece is made only while its kind is missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core.history import save_attributed

STATEMENT = {"pensions": "812.40", "benefits": "290.50", "home_and_contents": "420.00", "utilities": "165.00",
             "care_and_health": "35.00", "food_and_housekeeping": "250.00", "communications_and_leisure": "48.00",
             "personal_costs": "55.00", "transport_and_travel": "40.00"}


def seed_demo_step(run) -> dict[str, int]:
    from debt_recovery.accounts.models import DebtorAccount
    from debt_recovery.accounts.selectors import with_aged_balances
    from debt_recovery.holds.choices import HoldReason
    from debt_recovery.holds.models import Hold
    from debt_recovery.holds.services import hold_place
    from debt_recovery.payments.choices import Method
    from debt_recovery.payments.models import Payment, Refund, SuspenseReceipt
    from debt_recovery.payments.services import payment_record, refund_request, suspense_receipt_record
    from debt_recovery.plans.choices import Frequency
    from debt_recovery.plans.models import Instalment, PaymentPlan
    from debt_recovery.plans.services import income_expenditure_record, payment_plan_agree, payment_plans_run

    users = run.made["users"]
    officer = users["dev"]
    on = run.on
    made = {"payments": 0, "suspense_receipts": 0, "refunds": 0, "payment_plans": 0}
    held = Hold.objects.filter(released_at__isnull=True).values("debtor")
    # Not an estate, a debt at court or one written off: people who could agree a plan or overpay.
    lines = [line for line in with_aged_balances(
        DebtorAccount.objects.filter(status="open").exclude(pk__in=held).exclude(kind="estate")
        .exclude(court_claims__isnull=False).exclude(write_offs__isnull=False).distinct().order_by("reference"),
        as_at=on)
        if line.aged.owed >= Decimal("100.00")]
    # Each role needs its own debtor where the demo has enough; the payments may share one.
    overpaid = min(lines, key=lambda line: line.aged.owed) if len(lines) >= 3 else None
    others = [line for line in lines if line is not overpaid]
    # The plans' debtors pay only their instalments, so the broken plan stays broken.
    plan_lines = others[-2:] if len(others) >= 2 else []
    # Anyone else who owes may pay something: on a disputed debt, a judgment debt, a debt on the ladder.
    taken = {line.debtor.pk for line in plan_lines} | ({overpaid.debtor.pk} if overpaid else set())
    pay_lines = [line for line in with_aged_balances(
        DebtorAccount.objects.filter(status="open").exclude(kind="estate").exclude(pk__in=taken)
        .order_by("reference"), as_at=on) if line.aged.owed >= Decimal("100.00")] or ([overpaid] if overpaid else [])
    if overpaid is not None and not Payment.objects.filter(idempotency_key__startswith="demo-payment-").exists():
        for line, (method, amount, back, ref) in zip(pay_lines * 4, (
                (Method.CARD, "45.00", 20, "Card payment by phone"),
                (Method.CHEQUE, "120.00", 14, "Cheque 100482"),
                (Method.BANK_TRANSFER, "75.50", 9, None),
                (Method.CASH, "30.00", 3, "Receipt 2231, Civic Centre"))):
            payment_record(acting_user=officer, debtor=line.debtor, amount=amount, method=method,
                           received_on=on - dt.timedelta(days=back), reference=ref or line_ref(line),
                           idempotency_key=f"demo-payment-{line.debtor.reference}-{method}")
            made["payments"] += 1
        payment_record(acting_user=officer, debtor=overpaid.debtor, amount=overpaid.aged.owed + Decimal("60.00"),
                       method=Method.BANK_TRANSFER, received_on=on - dt.timedelta(days=6),
                       reference=line_ref(overpaid), idempotency_key=f"demo-payment-{overpaid.debtor.reference}")
        made["payments"] += 1
        if not Refund.objects.exists():
            refund_request(acting_user=officer, debtor=overpaid.debtor, amount="60.00",
                           reason="Paid the whole balance twice over by bank transfer; the son asked for the extra back.")
            made["refunds"] += 1
    if not SuspenseReceipt.objects.exists():
        suspense_receipt_record(acting_user=officer, amount="45.00", method=Method.BANK_TRANSFER,
                                received_on=on - dt.timedelta(days=2), reference="MUM CARE FEES",
                                payer="J SMITH", idempotency_key="demo-suspense-1")
        made["suspense_receipts"] += 1
    if not PaymentPlan.objects.exists() and plan_lines:
        kept, broken = plan_lines[-1].debtor, plan_lines[-2].debtor
        statement = income_expenditure_record(acting_user=officer, debtor=kept, taken_on=on, lines=STATEMENT)
        payment_plan_agree(acting_user=officer, debtor=kept, statement=statement, amount="20.00",
                           frequency=Frequency.WEEKLY, start_on=on + dt.timedelta(days=7), method=Method.BANK_TRANSFER,
                           note="Agreed by phone with the debtor's daughter")
        # Agreed ten weeks ago: made as the agreement service made it then, with its dates.
        agreed_on = on - dt.timedelta(weeks=10)
        statement = income_expenditure_record(acting_user=officer, debtor=broken, taken_on=agreed_on, lines=STATEMENT)
        owed = plan_lines[-2].aged.owed
        hold = hold_place(acting_user=officer, debtor=broken, reason=HoldReason.PAYMENT_PLAN,
                          review_on=on + dt.timedelta(weeks=12), note="£40 a month from the statement")
        plan = PaymentPlan(debtor=broken, statement=statement, amount=Decimal("40.00"), frequency=Frequency.MONTHLY,
                           start_on=agreed_on + dt.timedelta(days=7), method=Method.CARD, total=owed, grace_days=14,
                           hold=hold, agreed_by=officer, agreed_at=timezone.now() - dt.timedelta(weeks=10))
        save_attributed(plan, user=officer, reason="Payment plan agreed")
        count = int((owed / plan.amount).to_integral_value(rounding="ROUND_CEILING"))
        from dateutil.relativedelta import relativedelta

        Instalment.objects.bulk_create([
            Instalment(plan=plan, number=n, due_on=plan.start_on + relativedelta(months=n - 1),
                       amount=plan.amount if n < count else owed - plan.amount * (count - 1))
            for n in range(1, count + 1)])
        payment_record(acting_user=officer, debtor=broken, amount="40.00", method=Method.CARD,
                       received_on=plan.start_on, reference="First instalment",
                       idempotency_key=f"demo-plan-payment-{broken.reference}")
        payment_plans_run(on=on)
        made["payment_plans"] += 2
    return made


def line_ref(line) -> str:
    return f"{line.debtor.reference} {line.debtor.name.split()[-1].upper()}"
