"""One API error shape: ``{"code": ..., "message": ..., "errors": {field: [messages]}}``.

``errors`` is always a mapping of a field path (or ``non_field_errors``) to a *list* of messages, as
the API documentation promises: a body that is not JSON at all is a 400 ``parse_error`` whose
``errors.non_field_errors`` holds the parser's message, not a bare string. A missing or wrong CSRF
token on a session-signed request is a 403 ``csrf_failed`` saying so: it is a fault of the request,
not of the user's permissions, and an integrator told ``permission_denied`` looks in the wrong place.
"""

from rest_framework import status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError

CSRF_PREFIX = "CSRF Failed"  # rest_framework.authentication.SessionAuthentication.enforce_csrf


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"code": exc.code, "message": exc.message}
        if exc.extra:
            body["errors"] = exc.extra
        return Response(body, status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ParseError):
        response.data = {"code": "parse_error", "message": "The body is not valid JSON.",
                         "errors": {"non_field_errors": [str(exc.detail)]}}
    elif isinstance(exc, PermissionDenied) and str(exc.detail).startswith(CSRF_PREFIX):
        response.data = {"code": "csrf_failed", "message": (
            "The CSRF token is missing or wrong: a request signed in by session must send the "
            "X-CSRFToken header with the csrftoken cookie's value (or sign in with Basic authentication)."),
            "errors": {"non_field_errors": [str(exc.detail)]}}
    elif response.status_code == status.HTTP_400_BAD_REQUEST and isinstance(response.data, dict):
        response.data = {"code": "invalid", "message": "Check the fields named in errors.", "errors": response.data}
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"code": getattr(detail, "code", "error"), "message": str(detail)}
    return response
