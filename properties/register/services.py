"""Writing the property register."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import set_reason
from core.rules import require
from properties.register.choices import Occupancy
from properties.register.models import Property

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
    home._history_user = acting_user
    set_reason(home, reason)
    home.save()
    return home
