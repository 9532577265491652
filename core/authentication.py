"""How the API signs people in."""

from drf_spectacular.authentication import BasicScheme
from rest_framework import authentication


class BasicAuthentication(authentication.BasicAuthentication):
    """DRF's HTTP Basic sign-in, handing django-axes the Django request (not DRF's wrapper), so that a
    locked-out user is told so (``core.login_throttle.lockout_response``, 429) rather than "invalid
    username/password", and failures through the API count towards the same lockouts as the pages."""

    def authenticate_credentials(self, userid, password, request=None):
        return super().authenticate_credentials(userid, password, getattr(request, "_request", request))


class BasicAuthenticationScheme(BasicScheme):
    """Describes :class:`BasicAuthentication` in the OpenAPI schema exactly as DRF's own."""

    target_class = "core.authentication.BasicAuthentication"
