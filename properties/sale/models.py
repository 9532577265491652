"""Selling a client's home: the authority to sell (the order's scope, or the court's permission applied
for and granted, with its dates), marketing, offers, the solicitor, exchange and completion, and the
net proceeds received into the client's ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from properties.sale.choices import OfferStatus, SaleStatus

__all__ = ["Sale", "SaleOffer"]


class Sale(models.Model):
    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="sales")
    status = models.CharField(max_length=12, choices=SaleStatus.choices)
    authority_reason = models.TextField(help_text="What the authority check said when the sale was started.")
    # The court application, when the order lacks the power to sell.
    court_applied_on = models.DateField(null=True, blank=True)
    court_reference = models.CharField(max_length=60, blank=True, default="")
    court_granted_on = models.DateField(null=True, blank=True)
    court_permission_reference = models.CharField(max_length=60, blank=True, default="")
    # Marketing and conveyancing.
    agent = models.CharField(max_length=200, blank=True, default="")
    asking_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    on_market_on = models.DateField(null=True, blank=True)
    solicitor = models.CharField(max_length=200, blank=True, default="")
    exchanged_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    sale_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    costs = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                help_text="Agent's and solicitor's fees and other costs taken from the price.")
    net_proceeds = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    proceeds_receipt = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+")
    last_progress_on = models.DateField(help_text="The last day anything happened on the sale.")
    withdrawn_because = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SaleStatus.values), name="sale_status_valid"),
            models.CheckConstraint(condition=Q(asking_price__isnull=True) | Q(asking_price__gt=0),
                                   name="sale_asking_price_positive"),
            models.CheckConstraint(condition=Q(completed_on__isnull=True) | Q(exchanged_on__isnull=False,
                                                                              exchanged_on__lte=F("completed_on")),
                                   name="sale_exchange_before_completion"),
            models.CheckConstraint(condition=~Q(status=SaleStatus.COURT_APPLICATION)
                                   | Q(court_applied_on__isnull=False),
                                   name="sale_court_application_dated"),
            models.CheckConstraint(condition=Q(court_granted_on__isnull=True)
                                   | Q(court_applied_on__lte=F("court_granted_on")),
                                   name="sale_court_granted_after_application"),
            models.CheckConstraint(condition=~Q(status=SaleStatus.COMPLETED)
                                   | Q(completed_on__isnull=False, net_proceeds__gt=0, proceeds_receipt__isnull=False),
                                   name="sale_completed_has_proceeds"),
            models.CheckConstraint(condition=Q(costs__isnull=True) | Q(costs__gte=0), name="sale_costs_not_negative"),
            models.UniqueConstraint(fields=["home"],
                                    condition=~Q(status__in=[SaleStatus.COMPLETED, SaleStatus.WITHDRAWN]),
                                    name="sale_one_open_per_home"),
        ]

    def __str__(self):
        return f"Sale of {self.home}"

    @property
    def client(self):
        return self.home.client

    @property
    def accepted_offer(self):
        return next((o for o in self.offers.all() if o.status == OfferStatus.ACCEPTED), None)


class SaleOffer(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="offers")
    buyer = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    made_on = models.DateField()
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["-made_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="sale_offer_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=OfferStatus.values), name="sale_offer_status_valid"),
            models.UniqueConstraint(fields=["sale"], condition=Q(status=OfferStatus.ACCEPTED),
                                    name="sale_one_accepted_offer"),
        ]

    @property
    def client(self):
        return self.sale.home.client
