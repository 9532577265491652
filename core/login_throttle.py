"""Failed sign-ins: three counters, each with its own limit, and a lockout that says how long it lasts.

django-axes counts failures by each entry of ``AXES_LOCKOUT_PARAMETERS`` but holds them all to one
limit (``AXES_FAILURE_LIMIT``). We count three ways:

* one username from one address: ``AXES_FAILURE_LIMIT`` (5) — someone who has forgotten a password;
* one address, whatever the username: ``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` (20) — one machine trying
  many accounts (password spraying), which the first counter never sees;
* one username, whatever the address: ``LOGIN_FAILURE_LIMIT_PER_USERNAME`` (10) — one account tried
  from many machines.

:class:`LoginThrottleHandler` gives axes one number to compare with its one limit: each counter scaled
so that it reaches ``AXES_FAILURE_LIMIT`` exactly when it reaches its own limit. A successful sign-in
clears that username's failures only, never the address's: signing in to one's own account does not
wipe the count of failures against other accounts from the same machine.
"""

from __future__ import annotations

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def _limit_for(parameter) -> int:
    keys = {parameter} if isinstance(parameter, str) else set(parameter)
    if keys == {"ip_address"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    if keys == {"username"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_USERNAME
    return settings.AXES_FAILURE_LIMIT


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per counter (see the module's docstring)."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = get_failure_limit(request, credentials)
        scaled = 0
        counted = self.get_user_attempts(request, credentials)  # one queryset per lockout parameter
        for parameter, attempts in zip(settings.AXES_LOCKOUT_PARAMETERS, counted, strict=True):
            failures = sum(attempts.values_list("failures_since_start", flat=True))
            # failures * limit // own reaches limit exactly when failures reaches own.
            scaled = max(scaled, failures * limit // _limit_for(parameter))
        return scaled

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        if username is None:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def client_address(request) -> str | None:
    """The address a sign-in came from, for the counters. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies
    (the TLS proxy in front of the web server) it is the address the nearest of them saw, taken from
    ``X-Forwarded-For`` counting from the right, so a client cannot choose it by sending the header
    itself; with none, ``REMOTE_ADDR``. Without this every sign-in behind a proxy would share the
    proxy's address, and the per-address limit would lock out the whole council at once."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _duration(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, rest = divmod(minutes, 60)
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{text} {rest} minute{'s' if rest != 1 else ''}" if rest else text


def lockout_response(request, original_response=None, credentials=None):
    """The answer to a sign-in refused because of too many failures: 429, saying so and for how long.
    Every attempt while locked out, even with the right password, starts the cool-off again (axes'
    ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``), so what is left is always the whole period.
    The API answers in its error shape."""
    cool_off = get_cool_off(request)
    wait = _duration(cool_off.total_seconds()) if cool_off else ""
    message = (f"Too many failed attempts to sign in. Try again in {wait}, or ask your team leader to unlock "
               "your account." if wait else
               "Too many failed attempts to sign in. Ask your team leader to unlock your account.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": "locked_out", "message": message}, status=429)
        if cool_off:
            response["Retry-After"] = str(int(cool_off.total_seconds()))
        return response
    return render(request, "registration/locked_out.html", {"message": message, "wait": wait}, status=429)
