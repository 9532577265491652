"""Moving into care and clearing a home: the plan, the full inventory of belongings with a decision for
each, valuables taken to safekeeping with a receipt, and storage contracts with their costs.

Nothing leaves the inventory without a recorded decision by an authorised person: the services refuse
it and the CHECK constraint ``inventory_item_leaves_with_decision`` holds it (Ombudsman, Shropshire
Council 23 007 164: a storage company disposed of a person's belongings)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from properties.clearance.choices import Decision, ItemStatus, Period

__all__ = ["ClearancePlan", "InventoryItem", "InventoryDecision", "SafekeepingReceipt", "StorageContract",
           "StoragePayment"]


class ClearancePlan(models.Model):
    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="clearance_plans")
    planned_on = models.DateField()
    contractor = models.CharField(max_length=200)
    notes = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-planned_on", "-id"]

    def __str__(self):
        return f"Clearance of {self.home} on {self.planned_on:%d %B %Y}"

    @property
    def client(self):
        return self.home.client


class InventoryItem(models.Model):
    plan = models.ForeignKey(ClearancePlan, on_delete=models.PROTECT, related_name="items")
    item = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    photograph = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    estimated_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True, default="")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ItemStatus.choices, default=ItemStatus.ON_INVENTORY)
    went_to = models.CharField(max_length=300, blank=True, default="", help_text="Where it went, and to whom.")
    left_on = models.DateField(null=True, blank=True)
    sale_receipt = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", help_text="The sale proceeds received for the client.")
    safekeeping = models.ForeignKey("SafekeepingReceipt", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="items")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_value__gte=0), name="inventory_value_not_negative"),
            models.CheckConstraint(condition=Q(decision="") | Q(decision__in=Decision.values),
                                   name="inventory_decision_valid"),
            models.CheckConstraint(condition=Q(status__in=ItemStatus.values), name="inventory_status_valid"),
            models.CheckConstraint(condition=Q(decision="") | Q(decided_by__isnull=False, decided_at__isnull=False),
                                   name="inventory_decision_has_who_and_when"),
            # Nothing leaves the inventory without a recorded decision by someone.
            models.CheckConstraint(
                condition=Q(status=ItemStatus.ON_INVENTORY)
                | (~Q(decision="") & Q(decided_by__isnull=False, decided_at__isnull=False, left_on__isnull=False)),
                name="inventory_item_leaves_with_decision"),
            models.CheckConstraint(condition=~Q(status=ItemStatus.IN_SAFEKEEPING) | Q(safekeeping__isnull=False),
                                   name="inventory_safekeeping_has_receipt"),
        ]

    def __str__(self):
        return self.item

    @property
    def client(self):
        return self.plan.home.client


class InventoryDecision(models.Model):
    """Every decision made about an item, in order: appended, never changed."""

    item = models.ForeignKey(InventoryItem, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=12, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(decision__in=Decision.values),
                                              name="inventory_history_decision_valid")]

    @property
    def client(self):
        return self.item.client


class SafekeepingReceipt(models.Model):
    plan = models.ForeignKey(ClearancePlan, on_delete=models.PROTECT, related_name="safekeeping_receipts")
    receipt_number = models.CharField(max_length=40, unique=True)
    place = models.CharField(max_length=200, help_text="Where the valuables are kept (the council's safe, a bank).")
    received_by = models.CharField(max_length=200)
    received_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"Safekeeping receipt {self.receipt_number}"

    @property
    def client(self):
        return self.plan.home.client


class StorageContract(models.Model):
    plan = models.ForeignKey(ClearancePlan, on_delete=models.PROTECT, related_name="storage_contracts")
    company = models.CharField(max_length=200)
    starts_on = models.DateField()
    cost_per_period = models.DecimalField(max_digits=10, decimal_places=2)
    period = models.CharField(max_length=6, choices=Period.choices, default=Period.MONTH)
    review_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(cost_per_period__gt=0), name="storage_cost_positive"),
            models.CheckConstraint(condition=Q(period__in=Period.values), name="storage_period_valid"),
            models.CheckConstraint(condition=Q(review_on__gte=F("starts_on")), name="storage_review_after_start"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                                   name="storage_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.company}: £{self.cost_per_period:,} a {self.get_period_display().lower()}"

    @property
    def client(self):
        return self.plan.home.client


class StoragePayment(models.Model):
    contract = models.ForeignKey(StorageContract, on_delete=models.PROTECT, related_name="payments")
    period_start = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="storage_payment_positive"),
            models.UniqueConstraint(fields=["contract", "period_start"], name="storage_payment_once_a_period"),
        ]

    @property
    def client(self):
        return self.contract.plan.home.client
