"""The legal authority the council holds for a client: DWP appointeeship (benefits only) or a Court of
Protection property and affairs deputyship (what the order covers), with its scope and restrictions, and
the court's permissions for what the order does not cover.

Every action that needs an authority asks :func:`deputyship.authority.services.authority_check`, so a
sale, a gift or a large payment outside the order's scope is refused unless a court permission is
recorded (Ombudsman: Surrey 23 006 806, a home sold without authority)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.authority.choices import Action, AuthorityKind

__all__ = ["CourtPermission", "LegalAuthority", "SecurityBond"]


class LegalAuthority(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="legal_authorities")
    kind = models.CharField(max_length=20, choices=AuthorityKind.choices)
    reference = models.CharField(
        max_length=40, help_text="The court's case number for an order, or the DWP's reference for an appointeeship.")
    made_on = models.DateField(help_text="The date of the order, or of the DWP's approval (BF57).")
    starts_on = models.DateField(help_text="When the council may act from.")
    ends_on = models.DateField(null=True, blank=True, help_text="When the authority ended (death, discharge, revoked).")
    end_reason = models.TextField(blank=True, default="")
    may_sell_property = models.BooleanField(
        default=False, help_text="The order gives authority to sell or let the client's property.")
    may_make_gifts = models.BooleanField(default=False, help_text="The order allows gifts.")
    gift_limit = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True,
        help_text="The most the order allows in gifts in a year, if it allows gifts with a limit.")
    payment_limit = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True,
        help_text="A single payment above this needs the court's permission (blank: no limit in the order).")
    scope = models.TextField(blank=True, default="", help_text="What the order or appointeeship covers, as written.")
    restrictions = models.TextField(blank=True, default="", help_text="The order's restrictions, as written.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name_plural = "legal authorities"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AuthorityKind.values), name="legal_authority_kind_valid"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="legal_authority_dates_in_order"),
            models.CheckConstraint(condition=Q(starts_on__gte=F("made_on")), name="legal_authority_starts_after_made"),
            # An appointee acts on benefits only: never a sale or a gift.
            models.CheckConstraint(
                condition=~Q(kind=AuthorityKind.APPOINTEE) | Q(may_sell_property=False, may_make_gifts=False),
                name="legal_authority_appointee_benefits_only"),
            models.CheckConstraint(condition=Q(gift_limit__isnull=True) | Q(may_make_gifts=True),
                                   name="legal_authority_gift_limit_needs_gifts"),
            # One authority in force per client at a time.
            models.UniqueConstraint(fields=["client"], condition=Q(ends_on__isnull=True),
                                    name="legal_authority_one_in_force"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class CourtPermission(models.Model):
    """The court's permission for something the order does not cover (a sale, a gift over the limit, a
    large payment, a fee more than a year late)."""

    authority = models.ForeignKey(LegalAuthority, on_delete=models.PROTECT, related_name="permissions")
    action = models.CharField(max_length=20, choices=Action.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                 help_text="The most the permission allows (blank: no amount stated).")
    granted_on = models.DateField()
    reference = models.CharField(max_length=40, help_text="The court's reference for the permission.")
    details = models.TextField(help_text="What the court allowed, as written.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(action__in=Action.values), name="court_permission_action_valid"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0),
                                   name="court_permission_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.reference})"


class SecurityBond(models.Model):
    """The security bond the court orders a deputy to hold (a guarantee against loss to the client), with its
    yearly premium and renewal date; each renewal gets a task for the officer (``renewal_task``)."""

    authority = models.ForeignKey(LegalAuthority, on_delete=models.PROTECT, related_name="bonds")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    provider = models.CharField(max_length=200)
    bond_reference = models.CharField(max_length=60, blank=True, default="")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="The level of security the court set.")
    premium = models.DecimalField(max_digits=10, decimal_places=2, help_text="The yearly premium.")
    starts_on = models.DateField()
    renewal_on = models.DateField()
    renewal_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["renewal_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="security_bond_amount_positive"),
            models.CheckConstraint(condition=Q(premium__gte=0), name="security_bond_premium_not_negative"),
            models.CheckConstraint(condition=Q(renewal_on__gt=F("starts_on")), name="security_bond_renews_after_start"),
            models.UniqueConstraint(fields=["authority"], condition=Q(ended_on__isnull=True),
                                    name="security_bond_one_in_force"),
        ]

    def __str__(self):
        return f"Security bond £{self.amount:,.2f} ({self.provider})"
