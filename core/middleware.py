"""Request id, acting user, sign-in and read-only roles."""

from __future__ import annotations

import re
import uuid

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.cache import patch_cache_control

from core.context import Actor, acting
from core.roles import is_read_only

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,80}$")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class RequestIdMiddleware:
    """Give every request an id (a well-formed incoming ``X-Request-ID`` is kept) and return it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class NoStoreMiddleware:
    """Nothing a signed-in person sees, and no API answer, is kept by the browser or a proxy: every
    such response is ``Cache-Control: private, no-store`` (the back button after signing out, a shared
    machine, a caching proxy). Static files never reach here (WhiteNoise answers them first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response


class ActorMiddleware:
    """Everything written while handling the request is attributed to its user and request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        with acting(Actor(user=user, correlation_id=request.request_id)):
            return self.get_response(request)


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a signed-in user. The API answers 401/403 itself (DRF), so it is let
    through here rather than redirected to the sign-in page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ReadOnlyRoleMiddleware:
    """Auditors may read everything and change nothing: any write they send is refused (403)."""

    # POSTs that write nothing: signing out, the charging calculator (charging.api.views: a what-if
    # read that auditors may use to re-work a charge) and the late payment interest what-if
    # (debt_recovery.api.views).
    ALLOWED_WRITES = ("/sign-out/", "/api/v1/charging/calculate/", "/api/v1/debt-recovery/late-payment-interest/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in SAFE_METHODS
            and request.path not in self.ALLOWED_WRITES
            and is_read_only(request.user)
        ):
            if request.path.startswith("/api/"):  # the API's one error shape (see core.api)
                return JsonResponse({"code": "permission_denied", "message": "Auditors have read-only access."},
                                    status=403)
            raise PermissionDenied("Auditors have read-only access.")
        return self.get_response(request)
