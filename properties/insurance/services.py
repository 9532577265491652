"""Writing property insurance: recording a policy (and paying its premium from the client's money),
cancelling one, and the daily renewal tasks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from core.history import save_attributed
from core.rules import require
from properties.insurance.models import InsurancePolicy, PolicyRenewalReminder
from properties.insurance.selectors import live_policies
from properties.register.selectors import property_team_people
from properties.register.services import PropertyError


def renewal_notice_days() -> int:
    """How many days before a policy renews its renewal task is made: the council's own choice
    (``PROPERTY_INSURANCE_RENEWAL_NOTICE_DAYS``), not a figure from any rule."""
    return int(getattr(settings, "PROPERTY_INSURANCE_RENEWAL_NOTICE_DAYS", 30))


def _invalid(field: str, message: str) -> PropertyError:
    return PropertyError(message, extra={field: [message]})


def policy_record(*, acting_user, home, insurer: str, policy_number: str, cover: str, starts_on: dt.date,
                  renews_on: dt.date, premium: Decimal, unoccupied_cover: bool = False, unoccupied_conditions: str = "",
                  inspection_every_days: int | None = None, pay_premium_on: dt.date | None = None,
                  reason: str = "Insurance policy recorded") -> InsurancePolicy:
    """Record a policy on a property. With ``pay_premium_on``, the premium is paid to the insurer from
    the client's money that day (OPG money-out category "Insurance"), in the same transaction: if the
    payment is refused (not enough money) nothing is recorded."""
    from ledger.choices import MoneyOutCategory
    from ledger.client_money import client_payment_make

    require(acting_user, "properties.work_client", home.client)
    insurer, policy_number, cover = (insurer or "").strip(), (policy_number or "").strip(), (cover or "").strip()
    if not insurer:
        raise _invalid("insurer", "Enter the insurer.")
    if not policy_number:
        raise _invalid("policy_number", "Enter the policy number.")
    if not cover:
        raise _invalid("cover", "Say what the policy covers.")
    if not starts_on or not renews_on or renews_on <= starts_on:
        raise _invalid("renews_on", "The renewal date must be after the start date.")
    premium = Decimal(premium if premium is not None else -1)
    if premium < 0:
        raise _invalid("premium", "Enter the premium (£0 or more).")
    if inspection_every_days is not None and int(inspection_every_days) < 1:
        raise _invalid("inspection_every_days", "The inspection interval must be at least 1 day.")
    if inspection_every_days and not unoccupied_cover:
        raise _invalid("inspection_every_days", "An inspection condition goes with cover while the home is empty: "
                                                "tick that the policy covers it while unoccupied.")
    if InsurancePolicy.objects.filter(insurer=insurer, policy_number=policy_number, starts_on=starts_on).exists():
        raise _invalid("policy_number", "This policy is already recorded for that start date.")
    with transaction.atomic():
        policy = InsurancePolicy(home=home, insurer=insurer, policy_number=policy_number, cover=cover,
                                 unoccupied_cover=bool(unoccupied_cover),
                                 unoccupied_conditions=(unoccupied_conditions or "").strip(),
                                 inspection_every_days=inspection_every_days or None, starts_on=starts_on,
                                 renews_on=renews_on, premium=premium.quantize(Decimal("0.01")),
                                 recorded_by=acting_user)
        if pay_premium_on is not None and premium > 0:
            policy.premium_payment = client_payment_make(
                acting_user=acting_user, client=home.client, amount=premium, effective_date=pay_premium_on,
                category=MoneyOutCategory.INSURANCE, payee=insurer, reference=policy_number,
                memo=f"Insurance premium for {home}", idempotency_key=f"property-premium:{insurer}:{policy_number}:"
                                                                     f"{starts_on.isoformat()}")
        save_attributed(policy, user=acting_user, reason=reason)
    return policy


def policy_cancel(*, acting_user, policy: InsurancePolicy, cancelled_on: dt.date,
                  reason: str = "Insurance policy cancelled") -> InsurancePolicy:
    require(acting_user, "properties.work_client", policy.home.client)
    with transaction.atomic():
        policy = InsurancePolicy.objects.select_for_update().get(pk=policy.pk)
        if policy.cancelled_on is not None:
            raise _invalid("cancelled_on", f"The policy was cancelled on {policy.cancelled_on:%d %B %Y}.")
        if cancelled_on < policy.starts_on:
            raise _invalid("cancelled_on", "A policy cannot be cancelled before it starts.")
        policy.cancelled_on = cancelled_on
        save_attributed(policy, user=acting_user, reason=reason)
    return policy


def renewal_tasks_create(*, on: dt.date) -> int:
    """A task for each live policy renewing within the notice period, for the officer who holds the
    client's case: one per policy and renewal date, however often this runs."""
    from people.services import task_create

    made = 0
    horizon = on + dt.timedelta(days=renewal_notice_days())
    due = (live_policies(on=on).filter(renews_on__lte=horizon)
           .exclude(renewal_reminders__renews_on=F("renews_on")).select_related("home__client"))
    for policy in due:
        if PolicyRenewalReminder.objects.filter(policy=policy, renews_on=policy.renews_on).exists():
            continue
        officer, _leader = property_team_people(client=policy.home.client)
        if officer is None:
            continue
        with transaction.atomic():
            task = task_create(acting_user=officer, assigned_to=officer, client=policy.home.client, subject=policy,
                               due_date=max(on, policy.renews_on - dt.timedelta(days=7)),
                               title=f"Renew the insurance on {policy.home.address_line_1} "
                                     f"({policy.insurer} {policy.policy_number}, renews {policy.renews_on:%d %B %Y})")
            save_attributed(PolicyRenewalReminder(policy=policy, renews_on=policy.renews_on, task=task),
                            user=officer, reason="Renewal task made")
        made += 1
    return made
