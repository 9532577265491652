"""The property register: each home or other property of a client the council looks after, with the
client's share, who lives there and since when."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from properties.register.choices import Occupancy

__all__ = ["Property"]


class Property(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="properties")
    address_line_1 = models.CharField(max_length=100)
    address_line_2 = models.CharField(max_length=100, blank=True, default="")
    town = models.CharField(max_length=60)
    postcode = models.CharField(max_length=10)
    uprn = models.CharField(max_length=12, blank=True, default="",
                            help_text="The Unique Property Reference Number, if known (up to 12 digits).")
    client_share = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("100.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text="The client's share of the property, as a percentage.")
    occupancy = models.CharField(max_length=10, choices=Occupancy.choices, default=Occupancy.CLIENT_LIVES_THERE)
    occupancy_since = models.DateField(null=True, blank=True, help_text="Since when it has been as it is (empty since…).")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["postcode", "address_line_1", "id"]
        verbose_name_plural = "properties"
        constraints = [
            models.CheckConstraint(condition=Q(client_share__gt=0) & Q(client_share__lte=100),
                                   name="property_share_in_range"),
            models.CheckConstraint(condition=Q(occupancy__in=Occupancy.values), name="property_occupancy_valid"),
            models.CheckConstraint(condition=Q(uprn="") | Q(uprn__regex=r"^[0-9]{1,12}$"), name="property_uprn_digits"),
        ]

    def __str__(self):
        return f"{self.address_line_1}, {self.town} {self.postcode}"

    @property
    def address(self) -> str:
        return ", ".join(p for p in (self.address_line_1, self.address_line_2, self.town, self.postcode) if p)
