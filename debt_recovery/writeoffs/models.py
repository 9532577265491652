"""Write-offs: a debt the council stops pursuing, recommended with a reason and approved by someone
with the authority for its amount, then posted to the ledger (the bad debt expense debited, the
debtor's receivable credited). Reinstating it reverses that transaction, so the debt is owed again.

Who may approve what is configuration: :class:`AuthorityBand` maps amounts to a level
(:class:`~debt_recovery.writeoffs.choices.AuthorityLevel`), and :class:`DelegatedAuthority` names the
senior managers and members of the Executive. Both are kept with their history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.writeoffs.choices import DELEGATED_LEVELS, AuthorityLevel, WriteOffReason, WriteOffStatus


class AuthorityBand(models.Model):
    """Write-offs up to ``up_to`` (inclusive) need ``level`` or above; the band with no ``up_to`` is
    everything above the highest limit. The lowest band that covers an amount applies."""

    up_to = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True, unique=True,
                                help_text="The largest amount this level may write off; empty: any amount.")
    level = models.CharField(max_length=20, choices=AuthorityLevel.choices)
    source = models.CharField(max_length=300, blank=True, default="",
                              help_text="Where the band comes from (the council's financial regulations).")

    history = audited()

    class Meta:
        ordering = [F("up_to").asc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=AuthorityLevel.values), name="writeoff_band_level_valid"),
            models.CheckConstraint(condition=Q(up_to__isnull=True) | Q(up_to__gt=0), name="writeoff_band_positive"),
            models.UniqueConstraint(fields=["level"], condition=Q(up_to__isnull=True),
                                    name="writeoff_band_one_unlimited"),
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {'any amount' if self.up_to is None else f'up to £{self.up_to:,}'}"


class DelegatedAuthority(models.Model):
    """A person an administrator has named as a senior manager or member of the Executive for
    approving write-offs. Ended, never deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=20, choices=AuthorityLevel.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(level__in=DELEGATED_LEVELS), name="writeoff_delegation_level_valid"),
            models.UniqueConstraint(fields=["user"], condition=Q(ended_at__isnull=True),
                                    name="writeoff_delegation_one_current"),
        ]


class WriteOff(models.Model):
    """One recommendation to write off part or all of a debtor's balance, and what became of it."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="write_offs")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    reason = models.CharField(max_length=30, choices=WriteOffReason.choices)
    note = models.TextField(help_text="Why, in the officer's words: what was tried, what was found.")
    level_required = models.CharField(max_length=20, choices=AuthorityLevel.choices)
    status = models.CharField(max_length=20, choices=WriteOffStatus.choices, default=WriteOffStatus.RECOMMENDED)
    batch = models.CharField(max_length=40, blank=True, default="",
                             help_text="The bulk write-off of small balances this came from, if any.")
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recommended_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, default="")
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", help_text="The ledger transaction that wrote it off.")
    reversal = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", help_text="The reversal that reinstated the debt.")
    reinstated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    reinstated_at = models.DateTimeField(null=True, blank=True)
    reinstated_because = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-recommended_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="writeoff_amount_positive"),
            models.CheckConstraint(condition=Q(reason__in=WriteOffReason.values), name="writeoff_reason_valid"),
            models.CheckConstraint(condition=Q(status__in=WriteOffStatus.values), name="writeoff_status_valid"),
            models.CheckConstraint(condition=Q(level_required__in=AuthorityLevel.values),
                                   name="writeoff_level_valid"),
            # Maker-checker, held by the database too: whoever recommended it never decides it.
            models.CheckConstraint(condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("recommended_by")),
                                   name="writeoff_not_decided_by_recommender"),
            models.CheckConstraint(condition=~Q(status=WriteOffStatus.APPROVED) | Q(transaction__isnull=False),
                                   name="writeoff_approved_is_posted"),
            models.CheckConstraint(condition=~Q(status=WriteOffStatus.REINSTATED) | Q(reversal__isnull=False),
                                   name="writeoff_reinstated_is_reversed"),
            models.UniqueConstraint(fields=["debtor"], condition=Q(status=WriteOffStatus.RECOMMENDED),
                                    name="writeoff_one_waiting_per_debtor"),
        ]

    def __str__(self):
        return f"Write-off of £{self.amount:,} for {self.debtor}"

    @property
    def client(self):
        return self.debtor.client
