"""Reading court returns, and gathering a report's figures from the ledger and the case.

:func:`ledger_figures` reads the client-money ledger for many clients at once (two grouped queries per
reporting period, whatever the number of clients or postings), so the same code serves one report page
and a run of 1,500 reports. Money is dated by the day it belongs to: a late item posted after its month
was closed (``Transaction.relates_to_date``, see :mod:`ledger.closing`) counts in the period it belongs to,
both in the flows and in the balances, so the report's period is the one the money belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from core.rules import can
from deputyship.authority.choices import AuthorityKind
from deputyship.fees.choices import FeeKind, FeeStatus
from deputyship.fees.models import FeeCharge
from deputyship.returns.calculator import AccountInputs, Item, ReportFigures, ReportInputs, report_figures
from deputyship.returns.choices import EntryKind, ReturnStatus
from deputyship.returns.models import CourtReturn
from ledger.choices import MoneyInCategory, MoneyOutCategory, Purpose
from ledger.models import Posting
from people.choices import Service
from people.selectors import clients_visible_to, current_allocations, today

ZERO = Decimal("0.00")
ACCOUNT_NAME = "Money the council holds for the client (client account)"

#: The OPG's line between the short report (OPG 103) and the full one (OPG 102): assets of £21,000 or more
#: take the full report (../shared/domain/deputyship.md; the same £21,000 is the OPG's minimal supervision
#: line, gov.uk "Deputy fees": minimal supervision for property and affairs deputies managing under £21,000).
SHORT_FORM_BELOW = Decimal("21000.00")


def returns_visible_to(*, user) -> QuerySet[CourtReturn]:
    return (CourtReturn.objects.filter(client__in=clients_visible_to(user=user))
            .select_related("client", "authority"))


def access_return(*, user, pk) -> CourtReturn:
    """The return, if this user may see its client; otherwise 404, whether it exists or not."""
    try:
        found = returns_visible_to(user=user).get(pk=pk)
    except (CourtReturn.DoesNotExist, ValueError, TypeError):
        raise Http404("No court return found") from None
    if not can(user, "deputyship.view_client", found.client):
        raise Http404("No court return found")
    return found


def _scoped(returns: QuerySet[CourtReturn], *, team=None, officer=None, unassigned: bool = False):
    if team is not None:
        held = current_allocations().filter(team=team, service=Service.CLIENT_AFFAIRS)
        if officer is not None:
            held = held.filter(officer=officer)
        elif unassigned:
            held = held.filter(officer__isnull=True)
        returns = returns.filter(client__in=held.values("client"))
    return returns


def returns_overdue(*, user, on: dt.date | None = None, team=None, officer=None, unassigned=False):
    on = on or today()
    return _scoped(returns_visible_to(user=user).exclude(status=ReturnStatus.SUBMITTED).filter(due_on__lt=on),
                   team=team, officer=officer, unassigned=unassigned)


def returns_due_soon(*, user, on: dt.date | None = None, within_days: int = 28, team=None, officer=None,
                     unassigned=False):
    on = on or today()
    return _scoped(returns_visible_to(user=user).exclude(status=ReturnStatus.SUBMITTED)
                   .filter(due_on__gte=on, due_on__lte=on + dt.timedelta(days=within_days)),
                   team=team, officer=officer, unassigned=unassigned)


def returns_mine(*, user, on: dt.date | None = None):
    """Returns not yet submitted of the clients the user is the allocated officer for."""
    held = current_allocations(on=on).filter(officer=user, service=Service.CLIENT_AFFAIRS)
    return returns_visible_to(user=user).exclude(status=ReturnStatus.SUBMITTED).filter(
        client__in=held.values("client"))


# --- a report's inputs --------------------------------------------------------------------------------

def ledger_figures(*, periods: dict[int, tuple[dt.date, dt.date]]) -> dict[int, AccountInputs]:
    """For each client id, its client-account figures over its period ``(start, end)``: opening and
    closing balances (natural sign: money held is positive) and money in and out by the OPG's categories."""
    by_period: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)
    for client_id, period in periods.items():
        by_period[period].append(client_id)
    found: dict[int, AccountInputs] = {}
    in_codes, out_codes = set(MoneyInCategory.values), set(MoneyOutCategory.values)
    for (start, end), client_ids in by_period.items():
        postings = (Posting.objects.filter(account__purpose=Purpose.CLIENT_FUNDS, account__client_id__in=client_ids)
                    .annotate(day=Coalesce("transaction__relates_to_date", "effective_date")))
        balances = {
            row["account__client_id"]: row
            for row in postings.filter(day__lte=end).values("account__client_id").annotate(
                before=Sum("amount", filter=Q(day__lt=start), default=ZERO), to_end=Sum("amount", default=ZERO))
        }
        flows: dict[int, dict] = defaultdict(lambda: {"in": {}, "out": {}, "none": ZERO})
        for client_id, category, total in (postings.filter(day__gte=start, day__lte=end)
                                           .values_list("account__client_id", "transaction__category")
                                           .annotate(total=Sum("amount")).order_by()):
            if category in in_codes:
                flows[client_id]["in"][category] = -total
            elif category in out_codes:
                flows[client_id]["out"][category] = total
            else:
                flows[client_id]["none"] += -total
        for client_id in client_ids:
            balance = balances.get(client_id, {"before": ZERO, "to_end": ZERO})
            flow = flows[client_id]
            found[client_id] = AccountInputs(name=ACCOUNT_NAME, opening=-balance["before"], closing=-balance["to_end"],
                                             money_in=flow["in"], money_out=flow["out"], uncategorised=flow["none"])
    return found


def report_inputs(court_return: CourtReturn, *, account: AccountInputs | None = None) -> ReportInputs:
    """What the report is worked out from: the ledger (unless ``account`` is given, from a bulk read), the
    fees charged in the period, and what the officer entered on the draft."""
    if account is None:
        account = ledger_figures(periods={court_return.client_id: (court_return.period_start,
                                                                   court_return.period_end)})[court_return.client_id]
    entries = list(court_return.entries.all())
    fees: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for kind, amount in (FeeCharge.objects.filter(client_id=court_return.client_id, status=FeeStatus.CHARGED,
                                                  charged_on__gte=court_return.period_start,
                                                  charged_on__lte=court_return.period_end)
                         .values_list("kind", "amount")):
        fees[FeeKind(kind).label] += amount
    return ReportInputs(
        period_start=court_return.period_start, period_end=court_return.period_end, accounts=[account],
        assets=[Item(e.summary, e.value) for e in entries if e.kind == EntryKind.ASSET],
        debts=[Item(e.summary, e.value) for e in entries if e.kind == EntryKind.DEBT],
        fees=[Item(label, amount) for label, amount in sorted(fees.items())],
        short_form_below=SHORT_FORM_BELOW, difference_note=court_return.difference_note)


def return_figures(court_return: CourtReturn) -> ReportFigures:
    """The report's figures: the one calculation the page, the API and the PDF all show."""
    return report_figures(report_inputs(court_return))


def entries_by_kind(court_return: CourtReturn) -> dict[str, list]:
    grouped: dict[str, list] = {kind: [] for kind in EntryKind.values}
    for entry in court_return.entries.all():
        grouped[entry.kind].append(entry)
    return grouped


def deputyships() -> QuerySet:
    from deputyship.authority.models import LegalAuthority

    return LegalAuthority.objects.filter(kind=AuthorityKind.DEPUTY).select_related("client")
