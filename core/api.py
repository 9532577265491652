"""One API error shape: ``{"code": ..., "message": ..., "errors": {field: [messages]}}``.

``code`` is a stable word (``invalid``, ``not_found``, ``permission_denied``, ``method_not_allowed``,
``unsupported_media_type``, ``too_large``, ``locked_out``, ``server_error``...), ``message`` a sentence a
person can act on, and ``errors`` (bad input only) each field's problems as a list of sentences. A
problem inside a list or an object is named by its path: ``postings[1].amount``. Django's own answers
for the API (no such URL, a body too large, a crash) use the same shape (``core.views``).

A body that is not JSON at all is a 400 ``parse_error`` whose ``errors.non_field_errors`` holds the
parser's message (a list, like every ``errors`` entry). A missing or wrong CSRF token on a
session-signed request is a 403 ``csrf_failed`` saying so: it is a fault of the request, not of the
user's permissions, and an integrator told ``permission_denied`` looks in the wrong place.
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError

CSRF_PREFIX = "CSRF Failed"  # rest_framework.authentication.SessionAuthentication.enforce_csrf
NON_FIELD = "non_field_errors"


def flat_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """Any error detail (DRF's nested dicts and lists, a bare string) as ``{field path: [sentences]}``."""
    found: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            for path, messages in flat_errors(value, f"{prefix}.{key}" if prefix else str(key)).items():
                found.setdefault(path, []).extend(messages)
    elif isinstance(detail, (list, tuple)):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list, tuple)):
                for path, messages in flat_errors(value, f"{prefix}[{index}]").items():
                    found.setdefault(path, []).extend(messages)
            else:
                found.setdefault(prefix or NON_FIELD, []).append(str(value))
    elif detail is not None:
        found.setdefault(prefix or NON_FIELD, []).append(str(detail))
    return found


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"code": exc.code, "message": exc.message}
        if exc.extra:
            body["errors"] = flat_errors(exc.extra)
        return Response(body, status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not one DRF knows: Django's 500 (core.views.server_error) answers in the same shape
    data = response.data
    if isinstance(exc, ParseError):
        response.data = {"code": "parse_error", "message": "The body is not valid JSON.",
                         "errors": {NON_FIELD: [str(exc.detail)]}}
    elif isinstance(exc, PermissionDenied) and str(exc.detail).startswith(CSRF_PREFIX):
        response.data = {"code": "csrf_failed", "message": (
            "The CSRF token is missing or wrong: a request signed in by session must send the "
            "X-CSRFToken header with the csrftoken cookie's value (or sign in with Basic authentication)."),
            "errors": {NON_FIELD: [str(exc.detail)]}}
    elif response.status_code == status.HTTP_400_BAD_REQUEST and not (isinstance(data, dict) and "detail" in data):
        response.data = {"code": "invalid", "message": "Check the fields named in errors.",
                         "errors": flat_errors(data)}
    elif isinstance(data, dict) and "detail" in data:
        detail = data["detail"]
        response.data = {"code": str(getattr(detail, "code", "error")), "message": str(detail)}
    else:
        response.data = {"code": "error", "message": "; ".join(sum(flat_errors(data).values(), []))}
    return response

