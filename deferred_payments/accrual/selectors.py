"""Reading an agreement's money: what has been posted, where it stands now, the interest built up since the last
posting, its statements."""

from __future__ import annotations

import datetime as dt

from django.http import Http404

from deferred_payments.accrual.models import AccrualPosting, EquityPosition, EquityWarning
from deferred_payments.agreements.models import Agreement
from deferred_payments.rates.selectors import half_year_of
from people.selectors import clients_visible_to


def agreements_visible_to(*, user):
    return Agreement.objects.filter(client__in=clients_visible_to(user=user))


def access_agreement(*, user, pk) -> Agreement:
    """The agreement, if this user may see its client; otherwise 404, whether it exists or not."""
    try:
        return agreements_visible_to(user=user).select_related("client", "debt_account").get(pk=pk)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise Http404("No agreement found") from None


def agreement_money(*, agreement: Agreement, on: dt.date) -> dict:
    """The agreement's money page: its position as at ``on`` (the statement calculation, from the start of the
    current six-month period), the postings, warnings and statements."""
    from deferred_payments.statements.figures import statement_figures
    from deferred_payments.statements.models import AgreementStatement, StatementRequest

    figures = None
    if agreement.starts_on and agreement.starts_on <= on:
        figures = statement_figures(agreement=agreement, start=max(half_year_of(on)[0], agreement.starts_on), end=on)
    return {
        "figures": figures,
        "position": EquityPosition.objects.filter(agreement=agreement).first(),
        "postings": AccrualPosting.objects.filter(agreement=agreement).select_related("fee").order_by("-posted_on",
                                                                                                      "-pk")[:60],
        "warnings": EquityWarning.objects.filter(agreement=agreement).order_by("threshold"),
        "statements": AgreementStatement.objects.filter(agreement=agreement).order_by("-period_end", "-pk"),
        "requests": StatementRequest.objects.filter(agreement=agreement, status="open"),
    }
