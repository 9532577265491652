"""Writing the property register."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import save_attributed, set_reason
from core.rules import require
from properties.register.choices import Occupancy
from properties.register.models import JointOwner, KeyHolding, OccupancyChange, Property, Valuation

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class PropertyError(ApplicationError):
    code = "property"


def property_record(*, acting_user, client, address_line_1: str, town: str, postcode: str, reason: str,
                    address_line_2: str = "", uprn: str = "", client_share: Decimal = Decimal("100"),
                    occupancy: str = Occupancy.CLIENT_LIVES_THERE, occupancy_since: dt.date | None = None) -> Property:
    """Add a client's property to the register."""
    require(acting_user, "properties.work_client", client)
    postcode = " ".join(postcode.upper().split())
    if not POSTCODE.match(postcode):
        raise PropertyError(f"{postcode or 'The postcode'} is not a UK postcode.")
    if not Decimal("0") < Decimal(client_share) <= Decimal("100"):
        raise PropertyError("The client's share must be more than 0% and no more than 100%.")
    if uprn and not re.fullmatch(r"[0-9]{1,12}", uprn):
        raise PropertyError("A UPRN is up to 12 digits.")
    if occupancy_since and occupancy_since > timezone.localdate():
        raise PropertyError("The date cannot be in the future.")
    if not address_line_1.strip() or not town.strip():
        raise PropertyError("Give the first line of the address and the town.")
    home = Property(client=client, address_line_1=address_line_1.strip(), address_line_2=address_line_2.strip(),
                    town=town.strip(), postcode=postcode, uprn=uprn, client_share=Decimal(client_share),
                    occupancy=occupancy, occupancy_since=occupancy_since, recorded_by=acting_user)
    with transaction.atomic():
        home._history_user = acting_user
        set_reason(home, reason)
        home.save()
        save_attributed(OccupancyChange(home=home, occupancy=occupancy, since=occupancy_since or timezone.localdate(),
                                        note="When the property was registered", recorded_by=acting_user),
                        user=acting_user, reason=reason)
    return home


def _invalid(field: str, message: str) -> PropertyError:
    return PropertyError(message, extra={field: [message]})


def _locked(home: Property) -> Property:
    return Property.objects.select_for_update().get(pk=home.pk)


def _not_future(field: str, day: dt.date | None, what: str) -> None:
    if day is None:
        raise _invalid(field, f"Enter the {what}.")
    if day > timezone.localdate():
        raise _invalid(field, f"The {what} cannot be in the future.")


def joint_owner_add(*, acting_user, home: Property, name: str, share: Decimal,
                    reason: str = "Joint owner recorded") -> JointOwner:
    """Record someone who owns part of the property with the client. Refused if the shares, the
    client's included, would come to more than 100%."""
    require(acting_user, "properties.work_client", home.client)
    name = (name or "").strip()
    if not name:
        raise _invalid("name", "Enter the joint owner's name.")
    share = Decimal(share)
    if not Decimal("0") < share < Decimal("100"):
        raise _invalid("share", "A joint owner's share must be more than 0% and less than 100%.")
    with transaction.atomic():
        home = _locked(home)
        others = home.joint_owners.aggregate(total=Sum("share"))["total"] or Decimal("0")
        total = home.client_share + others + share
        if total > Decimal("100"):
            raise _invalid("share", f"The shares would come to {total}% (the client's {home.client_share}%, other "
                                    f"joint owners' {others}%): they cannot be more than 100%.")
        owner = JointOwner(home=home, name=name, share=share, recorded_by=acting_user)
        save_attributed(owner, user=acting_user, reason=reason)
    return owner


def occupancy_change(*, acting_user, home: Property, occupancy: str, since: dt.date, note: str = "",
                     reason: str = "Occupancy changed") -> OccupancyChange:
    """Record who lives in the property from ``since`` (the client, empty, let, sold); the history of
    changes is kept and the property shows the latest."""
    require(acting_user, "properties.work_client", home.client)
    if occupancy not in Occupancy.values:
        raise _invalid("occupancy", "Choose who lives there now.")
    _not_future("since", since, "date of the change")
    with transaction.atomic():
        home = _locked(home)
        latest = home.occupancy_changes.order_by("-since", "-id").first()
        if latest is not None and since < latest.since:
            raise _invalid("since", f"The last change was on {latest.since:%d %B %Y}: a new one cannot be before it.")
        if home.occupancy == Occupancy.SOLD:
            raise _invalid("occupancy", "The property has been sold: its occupancy cannot change.")
        change = OccupancyChange(home=home, occupancy=occupancy, since=since, note=(note or "").strip()[:500],
                                 recorded_by=acting_user)
        save_attributed(change, user=acting_user, reason=reason)
        home.occupancy, home.occupancy_since = occupancy, since
        save_attributed(home, user=acting_user, reason=reason)
    return change


def keys_record(*, acting_user, home: Property, held_by: str, number_of_keys: int, since: dt.date,
                reason: str = "Keys recorded") -> KeyHolding:
    """Record who holds keys to the property, how many, and since when."""
    require(acting_user, "properties.work_client", home.client)
    held_by = (held_by or "").strip()
    if not held_by:
        raise _invalid("held_by", "Say who holds the keys.")
    if not number_of_keys or int(number_of_keys) < 1:
        raise _invalid("number_of_keys", "Enter how many keys they hold (at least 1).")
    _not_future("since", since, "date they were given the keys")
    keys = KeyHolding(home=home, held_by=held_by, number_of_keys=int(number_of_keys), since=since,
                      recorded_by=acting_user)
    save_attributed(keys, user=acting_user, reason=reason)
    return keys


def keys_return(*, acting_user, keys: KeyHolding, returned_on: dt.date, reason: str = "Keys returned") -> KeyHolding:
    """Record that keys were given back."""
    require(acting_user, "properties.work_client", keys.home.client)
    _not_future("returned_on", returned_on, "date the keys were returned")
    with transaction.atomic():
        keys = KeyHolding.objects.select_for_update().get(pk=keys.pk)
        if keys.returned_on is not None:
            raise _invalid("returned_on", f"These keys were returned on {keys.returned_on:%d %B %Y}.")
        if returned_on < keys.since:
            raise _invalid("returned_on", "Keys cannot be returned before they were given.")
        keys.returned_on = returned_on
        save_attributed(keys, user=acting_user, reason=reason)
    return keys


def valuation_record(*, acting_user, home: Property, valued_on: dt.date, value: Decimal, valuer: str,
                     reason: str = "Valuation recorded") -> Valuation:
    """Record what the property was worth on a day (not in the future), more than nothing, and who valued it."""
    require(acting_user, "properties.work_client", home.client)
    _not_future("valued_on", valued_on, "date of the valuation")
    if value is None or Decimal(value) <= 0:
        raise _invalid("value", "The value must be more than £0.")
    valuer = (valuer or "").strip()
    if not valuer:
        raise _invalid("valuer", "Say who valued the property.")
    valuation = Valuation(home=home, valued_on=valued_on, value=Decimal(value).quantize(Decimal("0.01")),
                          valuer=valuer[:200], recorded_by=acting_user)
    save_attributed(valuation, user=acting_user, reason=reason)
    return valuation
