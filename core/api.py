"""One API error shape: ``{"code": ..., "message": ..., "errors": {field: [messages]}}``."""

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"code": exc.code, "message": exc.message}
        if exc.extra:
            body["errors"] = exc.extra
        return Response(body, status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_400_BAD_REQUEST and isinstance(response.data, dict):
        response.data = {"code": "invalid", "message": "Check the fields named in errors.", "errors": response.data}
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"code": getattr(detail, "code", "error"), "message": str(detail)}
    return response
