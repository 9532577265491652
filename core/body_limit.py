"""Request bodies too large to be anything we take are refused before a byte of them is read.

Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count uploaded files, and the largest file we take
(a bank statement, ``ledger.imports.MAX_FILE_BYTES``) is far smaller than what a client could send.
So a request whose ``Content-Length`` is over ``MAX_REQUEST_BODY_BYTES`` is answered 413 at once:
a page for people, the API's error shape for the API. Each form then checks its own file's size (a
statement 50 MB, evidence ``DOCUMENT_UPLOAD_MAX_BYTES``) and Django streams anything over
``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file, never into memory.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BODY_BYTES
        if _declared_length(request) > limit:
            megabytes = limit // (1024 * 1024)
            message = f"The request is larger than {megabytes} MB, the most this service accepts."
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "too_large", "message": message}, status=413)
            return render(request, "errors/413.html", {"message": message}, status=413)
        return self.get_response(request)
