"""Writes the record-access log for each answer that showed a client's data (see core.access)."""

from __future__ import annotations

from core.access import record_reads


class RecordAccessMiddleware:
    """After the view: log the clients the answer read, unless it was an error (nothing was shown)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code < 400 and user is not None and user.is_authenticated:
            record_reads(request, response)
        return response
