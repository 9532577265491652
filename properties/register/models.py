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

__all__ = ["JointOwner", "KeyHolding", "OccupancyChange", "Property", "Valuation"]


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
    has_gas_supply = models.BooleanField(default=True, help_text="Whether the property has a gas supply (and so "
                                                                 "needs a gas safety check to be let).")
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


class JointOwner(models.Model):
    """Someone else who owns a share of the property with the client (a spouse, a sibling). The shares,
    the client's included, never come to more than 100% (checked when one is added)."""

    home = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="joint_owners")
    name = models.CharField(max_length=200)
    share = models.DecimalField(max_digits=5, decimal_places=2, help_text="Their share, as a percentage.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lt=100), name="joint_owner_share_in_range"),
            models.CheckConstraint(condition=~Q(name=""), name="joint_owner_named"),
        ]

    def __str__(self):
        return f"{self.name} ({self.share}%)"


class OccupancyChange(models.Model):
    """One change of who lives in the property, kept as its history: the client lives there, empty
    since, let, sold. The latest is copied onto :class:`Property` (``occupancy``, ``occupancy_since``)."""

    home = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="occupancy_changes")
    occupancy = models.CharField(max_length=10, choices=Occupancy.choices)
    since = models.DateField()
    note = models.CharField(max_length=500, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["since", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(occupancy__in=Occupancy.values), name="occupancy_change_valid"),
        ]


class KeyHolding(models.Model):
    """Keys to the property held by someone (the council, a neighbour, an agent): how many, since when,
    and when they were given back."""

    home = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="keys")
    held_by = models.CharField(max_length=200)
    number_of_keys = models.PositiveSmallIntegerField()
    since = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["since", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(number_of_keys__gte=1), name="key_holding_at_least_one"),
            models.CheckConstraint(condition=Q(returned_on__isnull=True) | Q(returned_on__gte=models.F("since")),
                                   name="key_holding_returned_after_since"),
        ]


class Valuation(models.Model):
    """What the property was worth on a day, and who said so."""

    home = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="valuations")
    valued_on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    valuer = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-valued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="valuation_value_positive"),
            models.CheckConstraint(condition=~Q(valuer=""), name="valuation_valuer_named"),
        ]
