"""Deputyship and appointeeship fees: the rate table, charging each fee once to the client's funds, and
reversing a charge.

A fee is posted as a payment from the client's funds to the council's deputyship fee income (Dr the
client's funds, Cr ``DEPUTYSHIP_FEE_INCOME``), with the OPG's money-out category "Deputy fees", so the
annual report's fees come from the same postings as everything else. The idempotency key
``deputyship-fee:<authority>:<kind>:<year>[:<n>]`` and the unique :class:`FeeCharge` per order, kind and
year make each fee one posting however often the daily job runs; a reversed charge may be charged again
under the next ``n``.

A fee not charged within a year of falling due is refused unless the court's permission to charge it
(``Action.CHARGE_LATE_FEE``) is recorded (OPG guidance: fixed costs not charged for over a year need the
court's permission to be charged retrospectively). The daily job never charges such a fee; an officer
does, once the permission is recorded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed, set_reason
from core.rules import require
from deputyship.authority.choices import Action, AuthorityKind
from deputyship.authority.models import CourtPermission, LegalAuthority
from deputyship.authority.services import authority_check
from deputyship.fees import calculator
from deputyship.fees.choices import CHARGEABLE_KINDS, MANUAL_KINDS, PERCENT_KINDS, FeeKind, FeeStatus
from deputyship.fees.models import FeeCharge, FeeRate, OpgFeePayment
from ledger import closing
from ledger.choices import AccountKind, MoneyOutCategory, OwnerKind, Purpose, TransactionKind
from ledger.models import Account, Posting
from ledger.selectors import available_funds, client_funds_account, council_account
from ledger.client_money import pooled_bank_account
from ledger.receivables import council_bank_account
from ledger.services import LedgerError, PostingLine, transaction_post, transaction_reverse
from people.choices import AddressKind

#: How long after falling due a fee may be charged without the court's permission.
LATE_AFTER = dt.timedelta(days=365)


class FeeError(ApplicationError):
    code = "deputyship_fee"


# --- the rate table -----------------------------------------------------------------------------------

def rate_table() -> calculator.RateTable:
    return calculator.RateTable([
        calculator.Rate(kind, amount, effective_from, source)
        for kind, amount, effective_from, source in FeeRate.objects.values_list(
            "kind", "amount", "effective_from", "source")])


def fee_rate_add(*, acting_user, kind: str, amount: Decimal, effective_from: dt.date, source: str) -> FeeRate:
    """A new rate from ``effective_from`` (a team leader or administrator). Rates are never changed: a new
    figure is a new row, so what was charged can always be traced to the rate in force that day."""
    require(acting_user, "deputyship.manage_fee_rates")
    if kind not in FeeKind.values:
        raise FeeError("Choose what the rate is for.", extra={"kind": ["Choose what the rate is for."]})
    if not isinstance(amount, Decimal) or amount < 0:
        raise FeeError("Enter an amount of £0.00 or more.", extra={"amount": ["Enter an amount of £0.00 or more."]})
    if kind in PERCENT_KINDS and amount > 100:
        raise FeeError("A percentage cannot be more than 100.", extra={"amount": ["Enter a percentage up to 100."]})
    source = " ".join((source or "").split())
    if not source:
        raise FeeError("Say where the figure comes from.", extra={"source": ["Say where the figure comes from."]})
    if FeeRate.objects.filter(kind=kind, effective_from=effective_from).exists():
        raise ConflictError("There is already a rate for this from that date; give the new rate's own date.",
                            extra={"effective_from": ["A rate already starts on this date."]})
    rate = FeeRate(kind=kind, amount=amount.quantize(Decimal("0.01")), effective_from=effective_from,
                   source=source[:500], recorded_by=acting_user)
    save_attributed(rate, user=acting_user, reason=f"Fee rate added: {FeeKind(kind).label}")
    return rate


#: The figures seeded into the rate table, each with its source (``docs/court-returns-and-fees.md``). Figures
#: the sources did not give (the second-year annual management fee, property management, the OPG report,
#: tax returns, travel, the low-asset percentage of the 2024 Practice Direction) are not seeded: a team
#: leader enters them from the Practice Direction itself.
PD19B_2024 = dt.date(2024, 4, 1)
SLOUGH = ("Slough Borough Council, Appointee and deputyship, deputyship fees (slough.gov.uk/benefits-support/"
          "appointee-deputyship/3), the Practice Direction 19B (2024) public authority figure")
OPG_GUIDANCE = ("Office of the Public Guardian, 'Fixed costs and remuneration of professional and public authority "
                "court appointed deputies' (gov.uk, 18 June 2025): net assets threshold £20,300")
OPG_FEES = ("Office of the Public Guardian, 'Applying for a reduced fee for your OPG deputy fees' (gov.uk/government/"
            "publications/deputy-fees-remission-or-exemption)")
OPG_FEES_2016 = dt.date(2016, 4, 1)
SEED_RATES = [
    (FeeKind.ORDER_WORK, Decimal("944.00"), PD19B_2024, SLOUGH),
    (FeeKind.ANNUAL_MANAGEMENT_FIRST, Decimal("982.00"), PD19B_2024, SLOUGH),
    (FeeKind.LOW_ASSET_THRESHOLD, Decimal("20300.00"), PD19B_2024, OPG_GUIDANCE),
    (FeeKind.OPG_ASSESSMENT, Decimal("100.00"), OPG_FEES_2016, OPG_FEES + ": £100 deputy assessment fee"),
    (FeeKind.OPG_GENERAL_SUPERVISION, Decimal("320.00"), OPG_FEES_2016, OPG_FEES + ": £320 general supervision fee"),
    (FeeKind.OPG_MINIMAL_SUPERVISION, Decimal("35.00"), OPG_FEES_2016, OPG_FEES + ": £35 minimal supervision fee"),
    (FeeKind.OPG_REMISSION_INCOME, Decimal("12000.00"), OPG_FEES_2016,
     OPG_FEES + ": 50% remission where the client's income before tax is less than £12,000 a year"),
]


def fee_rates_seed(*, acting_user) -> int:
    """Enter the sourced figures (:data:`SEED_RATES`) not yet in the table. Returns how many were added."""
    added = 0
    for kind, amount, effective_from, source in SEED_RATES:
        if not FeeRate.objects.filter(kind=kind, effective_from=effective_from).exists():
            fee_rate_add(acting_user=acting_user, kind=kind, amount=amount, effective_from=effective_from,
                         source=source)
            added += 1
    return added


# --- charging -----------------------------------------------------------------------------------------

def _income_account(*, acting_user) -> Account:
    account = council_account(purpose=Purpose.DEPUTYSHIP_FEE_INCOME)
    if account is not None:
        return account
    with connection.cursor() as cursor:  # one session opens it; the others wait, then find it
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('deputyship.fee_income_account'))")
    account = council_account(purpose=Purpose.DEPUTYSHIP_FEE_INCOME)
    if account is None:
        account = Account(name="Deputyship fee income", kind=AccountKind.INCOME, owner_kind=OwnerKind.COUNCIL,
                          purpose=Purpose.DEPUTYSHIP_FEE_INCOME)
        save_attributed(account, user=acting_user, reason="Deputyship fee income account opened")
    return account


def net_assets_on(*, client, on: dt.date) -> Decimal:
    """The client's net assets on ``on`` for the low-asset cap: the funds the council holds for them at the end
    of that day (the ledger is the record of what the council manages for the client), counting each item on
    the day it belongs to (a late item's ``relates_to_date``), as the annual report does."""
    funds = client_funds_account(client=client)
    if funds is None:
        return Decimal("0.00")
    signed = (Posting.objects.filter(account_id=funds.pk)
              .annotate(day=Coalesce("transaction__relates_to_date", "effective_date")).filter(day__lte=on)
              .aggregate(total=Sum("amount"))["total"]) or Decimal("0.00")
    return funds.natural_balance(signed)


def in_care_home(*, client, on: dt.date) -> bool:
    return client.addresses.filter(kind=AddressKind.CARE_HOME, start_date__lte=on).exclude(end_date__lt=on).exists()


def fees_due_for(*, authority: LegalAuthority, year: int, rates: calculator.RateTable) -> list[calculator.FeeDue]:
    """The scheduled fees of ``year`` of ``authority``, worked out (:mod:`deputyship.fees.calculator`)."""
    if authority.kind == AuthorityKind.APPOINTEE:
        due_on = calculator.anniversary(authority.made_on, year)
        return calculator.appointee_fees_due(made_on=authority.made_on, year=year,
                                             in_care_home=in_care_home(client=authority.client, on=due_on), rates=rates)
    due_on = calculator.anniversary(authority.made_on, year) if year else authority.made_on
    return calculator.deputy_fees_due(made_on=authority.made_on, year=year, rates=rates,
                                      net_assets=net_assets_on(client=authority.client, on=due_on))


def _late_permission(*, authority, kind, amount, due_on: dt.date, on: dt.date) -> CourtPermission | None:
    if on - due_on <= LATE_AFTER:
        return None
    decision = authority_check(client=authority.client, action=Action.CHARGE_LATE_FEE, amount=amount, on=on)
    if not decision.allowed or decision.permission is None:
        raise FeeError(f"{FeeKind(kind).label} fell due on {due_on:%d %B %Y}, more than a year ago: "
                       + decision.reason, code="late_fee_needs_permission")
    return decision.permission


def _post(*, acting_user, authority, kind: str, year: int, due_on: dt.date, amount: Decimal, lines: list[str],
          on: dt.date, permission: CourtPermission | None) -> FeeCharge:
    client = authority.client
    funds = client_funds_account(client=client)
    if funds is None:
        raise FeeError(f"{client.full_name} has no funds held by the council to take the fee from.",
                       code="no_funds")
    funds = Account.objects.select_for_update(no_key=True).get(pk=funds.pk)  # as ledger.client_money does
    available = available_funds(client=client)
    if amount > available:
        raise FeeError(f"{client.full_name} has £{available:,.2f} available; the fee of £{amount:,.2f} would overdraw "
                       "their account.", code="insufficient_funds")
    income = _income_account(acting_user=acting_user)
    earlier = FeeCharge.objects.filter(authority=authority, kind=kind, year=year).count()
    key = f"deputyship-fee:{authority.pk}:{kind}:{year}" + (f":{earlier}" if earlier else "")
    posted_on, relates_to = closing.posting_date_for_key(on, key)
    memo = f"{FeeKind(kind).label}, year {year} of {authority.reference}"
    try:
        txn = transaction_post(
            acting_user=acting_user, effective_date=posted_on, kind=TransactionKind.PAYMENT,
            category=MoneyOutCategory.DEPUTY_FEES, memo=closing.late_memo(memo, relates_to)[:500],
            relates_to_date=relates_to, idempotency_key=key, client_money=True,
            # The fee leaves the pooled client account for the council's own: council money is never left
            # mixed with clients' money, so the pooled account still holds exactly what clients are owed.
            postings=[PostingLine(funds, amount), PostingLine(pooled_bank_account(acting_user=acting_user), -amount),
                      PostingLine(council_bank_account(acting_user=acting_user), amount),
                      PostingLine(income, -amount)])
    except LedgerError as exc:
        raise FeeError(exc.message, code=exc.code) from None
    charge = FeeCharge(client=client, authority=authority, kind=kind, year=year, due_on=due_on, amount=amount,
                       explanation=lines, charged_on=on, transaction=txn, late_permission=permission,
                       charged_by=acting_user)
    save_attributed(charge, user=acting_user, reason=f"Fee charged: {FeeKind(kind).label}, year {year}")
    return charge


def fee_charge(*, acting_user, authority: LegalAuthority, kind: str, year: int, on: dt.date | None = None,
               amount: Decimal | None = None) -> FeeCharge:
    """Charge one fee of ``year`` of the order to the client's funds, on ``on`` (today unless given).

    Scheduled kinds are worked out from the rate table (``amount`` must not be given); the kinds an officer
    charges when the work is done (property management, the OPG report, a tax return, travel) take the rate
    in force, or ``amount`` if it is less (PD 19B figures are maxima). Refused, with nothing written, if it
    is already charged, cannot be worked out, would overdraw the client, or is more than a year late without
    the court's permission."""
    require(acting_user, "deputyship.work_client", authority.client)
    on = on or timezone.localdate()
    if kind not in CHARGEABLE_KINDS:
        raise FeeError("That is not a fee the council charges to the client.")
    if year < 0 or year > 200:
        raise FeeError("Give the year of the order the fee is for.")
    with transaction.atomic():
        authority = LegalAuthority.objects.select_for_update(of=("self",)).select_related("client").get(pk=authority.pk)
        if FeeCharge.objects.filter(authority=authority, kind=kind, year=year, status=FeeStatus.CHARGED).exists():
            raise ConflictError(f"{FeeKind(kind).label} for year {year} has already been charged.",
                                code="already_charged")
        rates = rate_table()
        if kind in MANUAL_KINDS:
            due_on = calculator.anniversary(authority.made_on, year) if year else authority.made_on
            rate = rates.on(kind, due_on)
            if rate is None:
                raise FeeError(f"No rate for “{FeeKind(kind).label}” is in the rate table for {due_on:%d %B %Y}: a "
                               "team leader must enter it first.", code="no_rate")
            charge_amount = rate.amount if amount is None else min(amount, rate.amount)
            lines = [f"{FeeKind(kind).label}: at most £{rate.amount:,.2f} from {rate.effective_from:%d %B %Y} "
                     f"({rate.source})."]
            if amount is not None and amount < rate.amount:
                lines.append(f"Charged £{charge_amount:,.2f}, less than the most allowed.")
        else:
            if amount is not None:
                raise FeeError("A scheduled fee's amount is worked out from the rate table, not entered.")
            found = [due for due in fees_due_for(authority=authority, year=year, rates=rates) if due.kind == kind]
            if not found:
                raise FeeError(f"{FeeKind(kind).label} is not due for year {year} of this "
                               f"{authority.get_kind_display().lower()}.")
            due = found[0]
            if due.amount is None:
                raise FeeError(" ".join(due.lines), code="no_rate")
            due_on, charge_amount, lines = due.due_on, due.amount, list(due.lines)
        if due_on > on:
            raise FeeError(f"This fee is not due until {due_on:%d %B %Y}.", code="not_due")
        if authority.ends_on is not None and due_on > authority.ends_on:
            raise FeeError("The authority had ended before this fee fell due.", code="authority_ended")
        if charge_amount <= 0:
            raise FeeError("There is nothing to charge.", code="nothing_to_charge")
        permission = _late_permission(authority=authority, kind=kind, amount=charge_amount, due_on=due_on, on=on)
        return _post(acting_user=acting_user, authority=authority, kind=kind, year=year, due_on=due_on,
                     amount=charge_amount, lines=lines, on=on, permission=permission)


def fee_reverse(*, acting_user, charge: FeeCharge, reason: str) -> FeeCharge:
    """Undo a fee charged in error: its ledger transaction is reversed in full (the money goes back to the
    client's funds) and the charge marked reversed. Reversing again refuses."""
    require(acting_user, "deputyship.work_client", charge.client)
    reason = " ".join((reason or "").split())
    if not reason:
        raise FeeError("Say why the fee is being reversed.", extra={"reason": ["Say why the fee is being reversed."]})
    with transaction.atomic():
        charge = FeeCharge.objects.select_for_update(of=("self",)).select_related("transaction").get(pk=charge.pk)
        if charge.status == FeeStatus.REVERSED:
            raise ConflictError("This fee has already been reversed.", code="already_reversed")
        posted_on, relates_to = closing.posting_date(timezone.localdate())
        try:
            reversal = transaction_reverse(
                acting_user=acting_user, transaction=charge.transaction, effective_date=posted_on,
                idempotency_key=f"reversal-of:{charge.transaction_id}", memo=f"Fee reversed: {reason}"[:500])
        except LedgerError as exc:
            raise FeeError(exc.message, code=exc.code) from None
        charge.status, charge.reversal, charge.reversal_reason = FeeStatus.REVERSED, reversal, reason
        charge._history_user = acting_user
        set_reason(charge, f"Fee reversed: {reason}"[:100])
        charge.save(update_fields=["status", "reversal", "reversal_reason"])
    return charge


# --- the daily job ------------------------------------------------------------------------------------

def authorities_charged_on(on: dt.date):
    """Authorities whose fees the job looks at on ``on``: in force at some time in the last year and a day."""
    return (LegalAuthority.objects.filter(made_on__lte=on)
            .exclude(ends_on__lt=on - LATE_AFTER).select_related("client"))


def years_due(authority: LegalAuthority, on: dt.date) -> list[int]:
    """The years of the order whose scheduled fees have fallen due by ``on`` (and, for an ended authority,
    fell due before it ended)."""
    last = on if authority.ends_on is None else min(on, authority.ends_on)
    years, year = [], 0 if authority.kind == AuthorityKind.DEPUTY else 1
    while True:
        due_on = authority.made_on if year == 0 else calculator.anniversary(authority.made_on, year)
        if due_on > last:
            return years
        years.append(year)
        year += 1


def fees_charge_run(*, on: dt.date, acting_user) -> dict:
    """The daily job's work: charge every scheduled fee that has fallen due by ``on``, is not yet charged and
    is not more than a year late. Each charge is its own database transaction and unique per order, kind and
    year (and its ledger key), so a rerun or a run after a crash charges each fee once. A fee that cannot
    be charged (no rate, not enough money, too late) is counted and left for the fees page."""
    summary = {"charged": 0, "already": 0, "not_worked_out": 0, "insufficient_funds": 0, "too_late": 0}
    rates = rate_table()
    for authority in authorities_charged_on(on):
        charged = set(FeeCharge.objects.filter(authority=authority, status=FeeStatus.CHARGED)
                      .values_list("kind", "year"))
        for year in years_due(authority, on):
            for due in fees_due_for(authority=authority, year=year, rates=rates):
                if (due.kind, year) in charged:
                    summary["already"] += 1
                    continue
                if on - due.due_on > LATE_AFTER:
                    summary["too_late"] += 1
                    continue
                if due.amount is None or due.amount <= 0:
                    summary["not_worked_out"] += 1
                    continue
                try:
                    with transaction.atomic():
                        locked = LegalAuthority.objects.select_for_update().get(pk=authority.pk)
                        if FeeCharge.objects.filter(authority=locked, kind=due.kind, year=year,
                                                    status=FeeStatus.CHARGED).exists():
                            summary["already"] += 1
                            continue
                        _post(acting_user=acting_user, authority=authority, kind=due.kind, year=year,
                              due_on=due.due_on, amount=due.amount, lines=list(due.lines), on=on, permission=None)
                except FeeError as exc:
                    if exc.code == "insufficient_funds" or exc.code == "no_funds":
                        summary["insufficient_funds"] += 1
                        continue
                    raise
                summary["charged"] += 1
    return summary


# --- the OPG's own fees ------------------------------------------------------------------------------

#: The Office of the Public Guardian's fees: invoiced to the deputy, paid from the client's money to the OPG.
OPG_FEE_KINDS = (FeeKind.OPG_ASSESSMENT, FeeKind.OPG_GENERAL_SUPERVISION, FeeKind.OPG_MINIMAL_SUPERVISION)
OPG_PAYEE = "Office of the Public Guardian"


def opg_fee_pay(*, acting_user, authority: LegalAuthority, kind: str, year: int, invoice_reference: str,
                invoiced_on: dt.date, exempt_benefit: bool, yearly_income: Decimal | None = None,
                effective_date: dt.date | None = None) -> OpgFeePayment:
    """Pay the OPG's invoice for the deputy assessment fee (year 0) or a year's supervision fee from the client's
    money, at the rate in force on the invoice date, after an exemption (a qualifying means-tested benefit: nothing
    to pay) or a 50% remission (yearly income before tax below the threshold; none for minimal supervision) --
    OPG, "Applying for a reduced fee for your OPG deputy fees" (form OPG120), gov.uk.

    Once per order, kind and year (and one supervision fee a year), also in the database; the payment's ledger key
    is ``opg-fee:<order>:<kind>:<year>``. Refused with nothing written for an appointeeship (the OPG supervises
    deputies), a kind or year that does not fit, a future invoice, no rate in the table, or not enough money."""
    from ledger.client_money import client_payment_make

    require(acting_user, "deputyship.work_client", authority.client)
    if kind not in OPG_FEE_KINDS:
        raise FeeError("Choose which OPG fee the invoice is for.")
    if authority.kind != AuthorityKind.DEPUTY:
        raise FeeError("The OPG's fees are paid for a deputyship, not an appointeeship.")
    if not isinstance(year, int) or year < 0 or year > 200:
        raise FeeError("Give the year of the order the fee is for.")
    if kind == FeeKind.OPG_ASSESSMENT and year != 0:
        raise FeeError("The deputy assessment fee is paid once, for the order itself (year 0).")
    if kind != FeeKind.OPG_ASSESSMENT and year < 1:
        raise FeeError("A supervision fee is for a year of the order: 1 for the first year.")
    invoice_reference = " ".join((invoice_reference or "").split())
    if not invoice_reference or len(invoice_reference) > 100:
        raise FeeError("Give the OPG invoice's reference (up to 100 characters).")
    today = timezone.localdate()
    if invoiced_on > today:
        raise FeeError("The invoice cannot be dated in the future.")
    if invoiced_on < authority.made_on:
        raise FeeError("The invoice cannot be dated before the order was made.")
    if yearly_income is not None:
        if isinstance(yearly_income, float) or not isinstance(yearly_income, Decimal) or yearly_income < 0:
            raise FeeError("Give the client's yearly income before tax as an amount in pounds and pence.")
    effective_date = effective_date or today
    fee = calculator.opg_fee(kind=kind, on=invoiced_on, rates=rate_table(), exempt_benefit=bool(exempt_benefit),
                             yearly_income=yearly_income)
    if fee.amount is None:
        raise FeeError(" ".join(fee.lines), code="no_rate")
    with transaction.atomic():
        authority = LegalAuthority.objects.select_for_update(of=("self",)).select_related("client").get(pk=authority.pk)
        same = OpgFeePayment.objects.filter(authority=authority, year=year)
        earlier = (same.filter(kind=kind) if kind == FeeKind.OPG_ASSESSMENT
                   else same.exclude(kind=FeeKind.OPG_ASSESSMENT)).first()
        if earlier is not None:
            raise ConflictError(f"The {earlier.get_kind_display()} for year {year} was already paid on invoice "
                                f"{earlier.invoice_reference}.", code="already_paid")
        payment = None
        if fee.amount > 0:
            try:
                payment = client_payment_make(
                    acting_user=acting_user, client=authority.client, amount=fee.amount, effective_date=effective_date,
                    category=MoneyOutCategory.OPG_FEES, payee=OPG_PAYEE, reference=invoice_reference,
                    memo=f"{FeeKind(kind).label}, year {year} of {authority.reference}"[:500],
                    idempotency_key=f"opg-fee:{authority.pk}:{kind}:{year}")
            except LedgerError as exc:
                raise FeeError(exc.message, code=exc.code) from None
        record = OpgFeePayment(client=authority.client, authority=authority, kind=kind, year=year,
                               invoice_reference=invoice_reference, invoiced_on=invoiced_on, full_fee=fee.full,
                               amount=fee.amount, explanation=list(fee.lines), payment=payment, paid_by=acting_user)
        save_attributed(record, user=acting_user,
                        reason=f"OPG invoice {invoice_reference}: {FeeKind(kind).label}, year {year}, "
                               f"£{fee.amount:,.2f} paid")
    return record
