"""Reads of Bacs reports and the monthly reconciliation of direct debit collections against the bank."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from debt_recovery.bacs_reports.choices import ItemOutcome, ReportKind
from debt_recovery.bacs_reports.models import BacsReport, BacsReportItem
from debt_recovery.directdebits.choices import CollectionStatus
from debt_recovery.directdebits.models import Collection


def bacs_reports() -> QuerySet[BacsReport]:
    return (BacsReport.objects.select_related("imported_by").annotate(n_items=Count("items"))
            .order_by("-processing_date", "-imported_at", "-pk"))


def access_bacs_report(*, pk) -> BacsReport:
    try:
        return BacsReport.objects.select_related("imported_by").get(pk=pk)
    except (BacsReport.DoesNotExist, ValueError):
        raise Http404("No Bacs report found") from None


def report_items(report: BacsReport) -> QuerySet[BacsReportItem]:
    return report.items.select_related("mandate__debtor__client", "collection", "task__assigned_to")


@dataclass(frozen=True)
class Reconciliation:
    """One month of direct debits against what Bacs and the bank said.

    ``collected`` is what the council recorded as collected (each collection due in the month that was
    sent to Bacs and recorded as a payment, including those later returned); ``unpaid`` is what the
    ARUDD and input reports of the month returned; ``expected`` is the difference, the money that
    should have reached the council's account. ``accepted_by_bacs`` is what Bacs' input reports say it
    accepted for collection in the month, the Bacs credit the bank statement shows. ``difference`` is
    ``accepted_by_bacs - collected`` (nothing is wrong when it is zero); ``unreported`` counts
    collections still marked sent with their date passed and no payment recorded."""

    month: dt.date
    collected_count: int
    collected: Decimal
    unpaid_count: int
    unpaid: Decimal
    expected: Decimal
    accepted_by_bacs: Decimal | None
    difference: Decimal | None
    unreported: int

    @property
    def balanced(self) -> bool:
        return self.difference == 0 and self.unreported == 0


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=monthrange(first.year, first.month)[1])


def reconciliation(month: dt.date, *, on: dt.date | None = None) -> Reconciliation:
    first, last = month_bounds(month)
    sent = Collection.objects.filter(due_on__range=(first, last), payment__isnull=False)
    collected = sent.aggregate(n=Count("id"), total=Sum("amount"))
    unpaid = (BacsReportItem.objects.filter(report__kind__in=[ReportKind.ARUDD, ReportKind.INPUT],
                                            report__processing_date__range=(first, last),
                                            outcome=ItemOutcome.APPLIED, collection__isnull=False)
              .aggregate(n=Count("id"), total=Sum("amount")))
    accepted = (BacsReport.objects.filter(kind=ReportKind.INPUT, processing_date__range=(first, last))
                .aggregate(total=Sum("accepted_debits"))["total"])
    unreported = Collection.objects.filter(due_on__range=(first, min(last, on or last)),
                                           status=CollectionStatus.SUBMITTED, due_on__lt=on or last).count()
    collected_total = collected["total"] or Decimal("0.00")
    unpaid_total = unpaid["total"] or Decimal("0.00")
    return Reconciliation(month=first, collected_count=collected["n"], collected=collected_total,
                          unpaid_count=unpaid["n"], unpaid=unpaid_total, expected=collected_total - unpaid_total,
                          accepted_by_bacs=accepted,
                          difference=None if accepted is None else accepted - collected_total,
                          unreported=unreported)
