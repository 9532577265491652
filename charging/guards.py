"""The checks every charging service makes before it writes: the user is signed in and may make
changes, the user's charging team holds the client's case, a reason was given. Shared by the
services of each part of charging (:mod:`charging.assessments.services`,
:mod:`charging.casework.services`...)."""

from __future__ import annotations

from core.exceptions import ApplicationError, PermissionDeniedError
from core.roles import is_read_only
from core.rules import require
from people.models import Client
from people.selectors import clients_visible_to


def _require_writer(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        raise PermissionDeniedError("Sign in to make changes.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")


def _require_client(user, client: Client) -> Client:
    """The client, locked against concurrent changes to their charging records, if the user's charging
    team holds their case (``charging.work_client``); otherwise refused (the same answer whether the
    client exists or not)."""
    try:
        locked = clients_visible_to(user=user).select_for_update(no_key=True, of=("self",)).get(pk=client.pk)
    except Client.DoesNotExist:
        raise PermissionDeniedError("You do not work with this client.", code="not_your_client") from None
    require(user, "charging.work_client", locked)
    return locked


def _reason(reason: str | None, what: str = "Give a reason for the change.") -> str:
    if not reason or not reason.strip():
        raise ApplicationError(what, code="invalid", extra={"reason": [what]})
    return reason.strip()


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, code="invalid", extra={field: [message]})
