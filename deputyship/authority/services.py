"""Recording the council's legal authority for a client and checking it before acting.

:func:`authority_check` is the one place that says whether the council may do something for a client:
every part that sells, gives or pays asks it, and refuses (or asks for a recorded court permission)
when it says no."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import set_reason
from core.rules import require
from deputyship.authority.choices import Action, AuthorityKind
from deputyship.authority.models import CourtPermission, LegalAuthority


class AuthorityError(ApplicationError):
    code = "authority"


@dataclass(frozen=True)
class AuthorityDecision:
    """Whether the council may do ``action`` for the client, and why, in words an officer can act on."""

    allowed: bool
    reason: str
    authority: LegalAuthority | None = None
    permission: CourtPermission | None = None


def authority_in_force(*, client, on: dt.date | None = None) -> LegalAuthority | None:
    on = on or timezone.localdate()
    return (LegalAuthority.objects.filter(client=client, starts_on__lte=on)
            .exclude(ends_on__lt=on).order_by("-starts_on", "-id").first())


def _permission(authority: LegalAuthority, action: str, amount: Decimal | None) -> CourtPermission | None:
    permissions = authority.permissions.filter(action=action).order_by("-granted_on", "-id")
    for permission in permissions:
        if amount is None or permission.amount is None or amount <= permission.amount:
            return permission
    return None


def authority_check(*, client, action: str, amount: Decimal | None = None, on: dt.date | None = None,
                    gifts_this_year: Decimal = Decimal("0")) -> AuthorityDecision:
    """May the council do ``action`` (an :class:`Action`) for ``client`` on ``on``? Writes nothing."""
    if action not in Action.values:
        raise ValueError(f"Unknown action {action!r}")
    authority = authority_in_force(client=client, on=on)
    if authority is None:
        return AuthorityDecision(False, "The council holds no legal authority for this client on that date: record "
                                        "the order or appointeeship first.")
    permission = _permission(authority, action, amount)
    if permission is not None:
        return AuthorityDecision(True, f"The court gave permission on {permission.granted_on:%d %B %Y} "
                                       f"({permission.reference}).", authority, permission)
    if action == Action.SELL_PROPERTY:
        if authority.kind == AuthorityKind.APPOINTEE:
            return AuthorityDecision(False, "An appointee acts on benefits only and cannot sell property: the council "
                                            "needs a deputyship order with authority to sell, or the court's "
                                            "permission.", authority)
        if not authority.may_sell_property:
            return AuthorityDecision(False, f"The order {authority.reference} does not give authority to sell "
                                            "property: record the court's permission first.", authority)
        return AuthorityDecision(True, f"The order {authority.reference} gives authority to sell property.", authority)
    if action == Action.GIFT:
        if not authority.may_make_gifts:
            return AuthorityDecision(False, f"The {authority.get_kind_display().lower()} ({authority.reference}) does "
                                            "not allow gifts: record the court's permission first.", authority)
        if authority.gift_limit is not None and amount is not None and gifts_this_year + amount > authority.gift_limit:
            return AuthorityDecision(False, f"This gift would take the year's gifts over the order's limit of "
                                            f"£{authority.gift_limit:,.2f}: record the court's permission first.",
                                     authority)
        return AuthorityDecision(True, f"The order {authority.reference} allows gifts.", authority)
    if action == Action.PAYMENT:
        if authority.payment_limit is not None and amount is not None and amount > authority.payment_limit:
            return AuthorityDecision(False, f"A payment over £{authority.payment_limit:,.2f} is outside the order "
                                            f"{authority.reference}: record the court's permission first.", authority)
        return AuthorityDecision(True, f"Within the {authority.get_kind_display().lower()} ({authority.reference}).",
                                 authority)
    # CHARGE_LATE_FEE: only ever with the court's permission (found above).
    return AuthorityDecision(False, "A fee not charged within a year of falling due needs the court's permission: "
                                    "record it first.", authority)


def authority_require(*, client, action: str, amount: Decimal | None = None, on: dt.date | None = None,
                      gifts_this_year: Decimal = Decimal("0")) -> AuthorityDecision:
    """:func:`authority_check`, raising :class:`AuthorityError` with its reason when it says no."""
    decision = authority_check(client=client, action=action, amount=amount, on=on, gifts_this_year=gifts_this_year)
    if not decision.allowed:
        raise AuthorityError(decision.reason)
    return decision


def authority_record(*, acting_user, client, kind: str, reference: str, made_on: dt.date, starts_on: dt.date,
                     reason: str, may_sell_property: bool = False, may_make_gifts: bool = False,
                     gift_limit: Decimal | None = None, payment_limit: Decimal | None = None, scope: str = "",
                     restrictions: str = "") -> LegalAuthority:
    """Record the authority the council now holds (an order received, an appointeeship approved)."""
    require(acting_user, "deputyship.work_client", client)
    if not reason.strip():
        raise AuthorityError("Say why the authority is being recorded.")
    if made_on > timezone.localdate():
        raise AuthorityError("The order or approval cannot be dated in the future.")
    if starts_on < made_on:
        raise AuthorityError("The authority cannot start before the order or approval was made.")
    if kind == AuthorityKind.APPOINTEE and (may_sell_property or may_make_gifts):
        raise AuthorityError("An appointee acts on benefits only: no sale or gifts.")
    with transaction.atomic():
        if LegalAuthority.objects.select_for_update().filter(client=client, ends_on__isnull=True).exists():
            raise AuthorityError("The client already has an authority in force: end it first.")
        authority = LegalAuthority(
            client=client, kind=kind, reference=reference.strip(), made_on=made_on, starts_on=starts_on,
            may_sell_property=may_sell_property, may_make_gifts=may_make_gifts, gift_limit=gift_limit,
            payment_limit=payment_limit, scope=scope, restrictions=restrictions, recorded_by=acting_user)
        authority._history_user = acting_user
        set_reason(authority, reason)
        authority.save()
    return authority


def authority_end(*, acting_user, authority: LegalAuthority, ends_on: dt.date, reason: str) -> LegalAuthority:
    require(acting_user, "deputyship.work_client", authority.client)
    if not reason.strip():
        raise AuthorityError("Say why the authority ended.")
    if ends_on < authority.starts_on:
        raise AuthorityError("The authority cannot end before it started.")
    with transaction.atomic():
        authority = LegalAuthority.objects.select_for_update().get(pk=authority.pk)
        if authority.ends_on is not None:
            raise AuthorityError("This authority has already ended.")
        authority.ends_on, authority.end_reason = ends_on, reason.strip()
        authority._history_user = acting_user
        set_reason(authority, reason)
        authority.save(update_fields=["ends_on", "end_reason"])
    return authority


def court_permission_record(*, acting_user, authority: LegalAuthority, action: str, granted_on: dt.date,
                            reference: str, details: str, amount: Decimal | None = None) -> CourtPermission:
    require(acting_user, "deputyship.work_client", authority.client)
    if action not in Action.values:
        raise AuthorityError("Choose what the court gave permission for.")
    if granted_on > timezone.localdate():
        raise AuthorityError("A permission cannot be dated in the future.")
    if not reference.strip() or not details.strip():
        raise AuthorityError("Give the court's reference and what it allowed.")
    if amount is not None and amount <= 0:
        raise AuthorityError("The amount the court allowed must be more than £0.")
    permission = CourtPermission(authority=authority, action=action, amount=amount, granted_on=granted_on,
                                 reference=reference.strip(), details=details.strip(), recorded_by=acting_user)
    permission._history_user = acting_user
    set_reason(permission, f"Court permission recorded: {details.strip()[:200]}")
    permission.save()
    return permission
