"""On appointment: the letters telling every organisation that holds the client's accounts or bills of the
order (or appointeeship) and the council's address for correspondence, each tracked to a reply; and the
client's own accounts, each closed or consolidated into the council's client account, tracked to closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from deputyship.appointment.choices import AccountAction, NotificationStatus

__all__ = ["AccountClosure", "OrderNotification"]


class OrderNotification(models.Model):
    """One organisation told of the council's authority, with the letter and where it stands."""

    authority = models.ForeignKey("deputyship.LegalAuthority", on_delete=models.PROTECT, related_name="notifications")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey("people.Contact", on_delete=models.PROTECT, related_name="+")
    letter = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=NotificationStatus.choices, default=NotificationStatus.SENT)
    sent_on = models.DateField()
    updated_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["contact__name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=NotificationStatus.values), name="dep_ordnotice_status_valid"),
            models.UniqueConstraint(fields=["authority", "contact"], name="dep_ordnotice_once_per_organisation"),
        ]

    def __str__(self):
        return f"Order notified to {self.contact}"


class AccountClosure(models.Model):
    """One of the client's accounts found on appointment, and what happens to it: closed (balance in to the
    client account), consolidated, or kept under the council's control."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey("deputyship.LegalAuthority", on_delete=models.PROTECT, related_name="accounts")
    institution = models.CharField(max_length=200)
    account_description = models.CharField(max_length=200, help_text="Account type and last four digits.")
    holder = models.CharField(max_length=200, help_text="Whose name the account is in.")
    balance = models.DecimalField(max_digits=12, decimal_places=2, help_text="Balance when found.")
    action = models.CharField(max_length=20, choices=AccountAction.choices)
    closed_on = models.DateField(null=True, blank=True)
    amount_transferred = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                             help_text="What arrived in the client account.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["closed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(action__in=AccountAction.values), name="dep_account_action_valid"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True, amount_transferred__isnull=True)
                                   | Q(closed_on__isnull=False, amount_transferred__isnull=False),
                                   name="dep_account_closed_with_amount"),
            models.CheckConstraint(condition=Q(amount_transferred__isnull=True) | Q(amount_transferred__gte=0),
                                   name="dep_account_transfer_not_negative"),
            models.CheckConstraint(condition=~Q(action=AccountAction.KEEP) | Q(closed_on__isnull=True),
                                   name="dep_account_kept_not_closed"),
        ]

    def __str__(self):
        return f"{self.institution} {self.account_description}"
