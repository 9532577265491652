"""Reading statements, narrowed to the clients the user may see."""

from __future__ import annotations

from django.http import Http404

from deferred_payments.statements.models import AgreementStatement, StatementRequest
from people.selectors import clients_visible_to


def access_statement(*, user, pk) -> AgreementStatement:
    try:
        return (AgreementStatement.objects.select_related("agreement__client", "document")
                .get(pk=pk, agreement__client__in=clients_visible_to(user=user)))
    except (AgreementStatement.DoesNotExist, ValueError, TypeError):
        raise Http404("No statement found") from None


def access_request(*, user, pk) -> StatementRequest:
    try:
        return (StatementRequest.objects.select_related("agreement__client")
                .get(pk=pk, agreement__client__in=clients_visible_to(user=user)))
    except (StatementRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("No request found") from None
