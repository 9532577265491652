"""One place decides who may do what: a rule per action, used by pages, the API and services alike.

Each app declares its actions in its own ``rules.py`` (loaded from its ``AppConfig.ready()``) with
:func:`define`: a name such as ``"ledger.record_client_money"``, a predicate built with the `rules`
library over the user and (for most actions) the record acted on, and the sentence a refused user
reads. Then:

- a **page** says which rule guards it with :func:`rule_required` (one rule, or one for reading and
  one for writing); a page with no rule fails the permission matrix test
  (``tests/test_permission_matrix.py``), which is generated from the URL configuration;
- the **API** does the same with :class:`RulePermission` and a ``rules`` attribute on the view;
- a **service** calls :func:`require` before it writes, so a command, a job or a new view that
  forgets the page's check is still refused;
- a **template** asks :func:`can` (the ``can`` filter in ``core.templatetags.govuk``) before it shows
  a link or a button, so nobody is shown what they may not open.

Visibility is kept apart: a record the user may not *see* is a 404 (the ``access_*`` selectors), a
record they may see but not act on is a 403 with the rule's sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

import rules
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.access import note_client_read
from core.exceptions import PermissionDeniedError

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Rule:
    name: str
    message: str


_RULES: dict[str, Rule] = {}


def define(name: str, predicate, message: str) -> None:
    """Declare the action ``name`` ("app.verb_thing"), who may do it, and what a refused user reads."""
    if name in _RULES:
        raise ImproperlyConfigured(f"The rule {name!r} is defined twice.")
    rules.add_perm(name, predicate)
    _RULES[name] = Rule(name=name, message=message)


def rule(name: str) -> Rule:
    try:
        return _RULES[name]
    except KeyError:
        raise ImproperlyConfigured(f"No rule called {name!r}; define it in the app's rules.py.") from None


def defined_rules() -> dict[str, Rule]:
    return dict(_RULES)


def can(user, name: str, obj=None) -> bool:
    """May ``user`` do ``name`` (to ``obj``)? Unknown names are a programming error, never a quiet no."""
    rule(name)
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return rules.has_perm(name, user, obj)


def require(user, name: str, obj=None) -> None:
    """Refuse (:class:`PermissionDeniedError`, the rule's sentence) unless ``user`` may do ``name``."""
    if not can(user, name, obj):
        raise PermissionDeniedError(rule(name).message, code="not_permitted")


def require_page(request, name: str, obj=None) -> None:
    """In a view: refuse with a 403 page (the rule's sentence) unless the user may do ``name``."""
    if not can(request.user, name, obj):
        raise PermissionDenied(rule(name).message)
    note_client_read(request, obj)


def rule_required(read: str | None = None, *, write: str | None = None,
                  obj: Callable[..., object] | None = None):
    """Guard a page with a rule: ``read`` for GET and HEAD, ``write`` for every other method (``read``
    for both when ``write`` is not given). ``obj(request, *args, **kwargs)`` returns the record the
    rule is about; it raises Http404 when the user may not see it. The view sees the record as
    ``request.rule_object`` so it need not fetch it again.

    The rules are kept on the view (``view.rules``) for the permission matrix test.
    """
    if read is None and write is None:
        raise ImproperlyConfigured("rule_required needs a rule.")
    for name in (read, write):
        if name is not None:
            rule(name)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            name = (read or write) if request.method in READ_METHODS else (write or read)
            target = obj(request, *args, **kwargs) if obj is not None else None
            if not can(request.user, name, target):
                raise PermissionDenied(rule(name).message)
            request.rule_object = target
            note_client_read(request, target)
            return view(request, *args, **kwargs)

        wrapper.rules = {"read": read or write, "write": write or read}
        return wrapper

    return decorator


class RulePermission(BasePermission):
    """The API's permission. A view declares ``rules``: keyed by viewset action (``"list"``,
    ``"retrieve"``, ``"create"``, ``"approve"``...) or by ``"read"`` / ``"write"`` (safe methods or
    not). A detail action's rule is checked against the object DRF fetches; any other rule against
    ``view.get_rule_object()`` (the client of ``/clients/{id}/...``) where the view has one, else
    with no object. A method the view does not declare is let through for DRF to answer 405."""

    message = "You do not have permission to do that."

    @staticmethod
    def rule_name(request, view) -> str | None:
        names = getattr(view, "rules", None)
        if not names:
            raise ImproperlyConfigured(f"{type(view).__name__} declares no rules.")
        action = getattr(view, "action", None)
        if action and action in names:
            return names[action]
        return names.get("read" if request.method in SAFE_METHODS else "write")

    def _check(self, request, name, obj) -> bool:
        if can(request.user, name, obj):
            note_client_read(request, obj)
            return True
        self.message = rule(name).message
        return False

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        name = self.rule_name(request, view)
        if name is None or not hasattr(view, request.method.lower()):
            return True  # a method the view does not answer: DRF says 405
        if getattr(view, "detail", False):
            return True  # the object's own rule follows, once the object is found (404 if not visible)
        getter = getattr(view, "get_rule_object", None)
        return self._check(request, name, getter() if getter is not None else None)

    def has_object_permission(self, request, view, obj):
        if not getattr(view, "detail", False):
            return True
        name = self.rule_name(request, view)
        return name is None or self._check(request, name, obj)


def rules_of(view) -> dict | None:
    """The rules a resolved URL's view declares (a page's ``rules``, or an API view class's)."""
    for holder in (view, getattr(view, "cls", None), getattr(view, "view_class", None)):
        names = getattr(holder, "rules", None) if holder is not None else None
        if names:
            return names
    return None
