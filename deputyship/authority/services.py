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


# --- who does the work, and the security bond -----------------------------------------------------------

#: A bond's renewal task falls due this many days before the renewal date: the council's working choice (the
#: issue and domain notes set no figure), to leave time to pay the premium.
BOND_RENEWAL_NOTICE_DAYS = 28


def casework_officer_for(client, *, on: dt.date | None = None):
    """The client affairs officer of the client's current allocation, else that team's leader; ``None`` if no
    client affairs team holds the client."""
    from people.choices import Service
    from people.models import TeamMembership
    from people.selectors import current_allocations

    allocation = (current_allocations(on=on).filter(client=client, service=Service.CLIENT_AFFAIRS)
                  .select_related("officer", "team").order_by("-start_date", "-id").first())
    if allocation is None:
        return None
    if allocation.officer is not None and allocation.officer.is_active:
        return allocation.officer
    leader = (TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True)
              .select_related("user").order_by("id").first())
    return leader.user if leader else None


def bond_record(*, acting_user, authority: LegalAuthority, provider: str, amount: Decimal, premium: Decimal,
                starts_on: dt.date, renewal_on: dt.date, bond_reference: str = ""):
    """The security bond the order requires, with a task to renew it ahead of its renewal date."""
    from core.history import save_attributed
    from deputyship.authority.models import SecurityBond
    from people.models import Task

    require(acting_user, "deputyship.work_client", authority.client)
    if authority.kind != AuthorityKind.DEPUTY:
        raise AuthorityError("Only a deputy gives security to the court.")
    if not (provider or "").strip():
        raise AuthorityError("Enter the bond's provider.")
    if amount is None or amount <= 0:
        raise AuthorityError("The bond's amount must be more than £0.")
    if premium is None or premium < 0:
        raise AuthorityError("The premium must be £0 or more.")
    if renewal_on <= starts_on:
        raise AuthorityError("The renewal date must be after the bond starts.")
    with transaction.atomic():
        if SecurityBond.objects.select_for_update().filter(authority=authority, ended_on__isnull=True).exists():
            raise AuthorityError("The order already has a bond in force.")
        bond = SecurityBond(authority=authority, client=authority.client, provider=provider.strip(),
                            bond_reference=(bond_reference or "").strip(), amount=amount, premium=premium,
                            starts_on=starts_on, renewal_on=renewal_on, recorded_by=acting_user)
        save_attributed(bond, user=acting_user, reason="Security bond recorded")
        officer = casework_officer_for(authority.client) or acting_user
        due = max(renewal_on - dt.timedelta(days=BOND_RENEWAL_NOTICE_DAYS), timezone.localdate())
        task = Task(title=f"Renew the security bond for {authority.client.display_name}",
                    details=f"The bond with {bond.provider} (£{amount:,.2f}) renews on {renewal_on:%d %B %Y}: pay the "
                            f"premium (last £{premium:,.2f}) from the client's money and record the new renewal date.",
                    client=authority.client, assigned_to=officer, due_date=due, created_by=acting_user)
        task.subject = bond
        save_attributed(task, user=acting_user, reason="Bond renewal due")
        bond.renewal_task = task
        save_attributed(bond, user=acting_user, reason="Renewal task given")
    return bond


def bond_renew(*, acting_user, bond, renewal_on: dt.date, premium: Decimal):
    """The bond renewed for another year: the new renewal date and premium, and the next renewal task."""
    from core.history import save_attributed
    from deputyship.authority.models import SecurityBond
    from people.choices import TaskStatus
    from people.models import Task

    require(acting_user, "deputyship.work_client", bond.client)
    with transaction.atomic():
        bond = SecurityBond.objects.select_for_update().get(pk=bond.pk)
        if renewal_on <= bond.renewal_on:
            raise AuthorityError("The new renewal date must be after the current one.")
        if premium is None or premium < 0:
            raise AuthorityError("The premium must be £0 or more.")
        old = bond.renewal_task
        if old is not None and old.status in (TaskStatus.OPEN, TaskStatus.OVERDUE):
            old.status, old.completed_by, old.completed_at = TaskStatus.DONE, acting_user, timezone.now()
            old.outcome = "Bond renewed."
            save_attributed(old, user=acting_user, reason="Bond renewed")
        bond.renewal_on, bond.premium = renewal_on, premium
        officer = casework_officer_for(bond.client) or acting_user
        task = Task(title=f"Renew the security bond for {bond.client.display_name}",
                    details=f"The bond with {bond.provider} renews on {renewal_on:%d %B %Y}.", client=bond.client,
                    assigned_to=officer, due_date=renewal_on - dt.timedelta(days=BOND_RENEWAL_NOTICE_DAYS),
                    created_by=acting_user)
        task.subject = bond
        save_attributed(task, user=acting_user, reason="Bond renewal due")
        bond.renewal_task = task
        save_attributed(bond, user=acting_user, reason="Bond renewed")
    return bond
