import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import PermissionDeniedError
from properties.register.choices import Occupancy
from properties.register.models import JointOwner, OccupancyChange, Valuation
from properties.register.services import (
    PropertyError, joint_owner_add, keys_record, keys_return, occupancy_change, valuation_record,
)
from properties.timeline import property_timeline


def test_joint_owners_shares_including_the_clients_cannot_pass_100(home, prop_officer):
    joint_owner_add(acting_user=prop_officer, home=home, name="Graham Marsden", share=Decimal("30"))
    with pytest.raises(PropertyError, match="100%"):
        joint_owner_add(acting_user=prop_officer, home=home, name="Ann Marsden", share=Decimal("20.01"))
    joint_owner_add(acting_user=prop_officer, home=home, name="Ann Marsden", share=Decimal("20"))
    assert sorted(owner.share for owner in JointOwner.objects.filter(home=home)) == [Decimal("20"), Decimal("30")]


def test_only_the_team_holding_the_client_records(home, other_officer):
    with pytest.raises(PermissionDeniedError):
        joint_owner_add(acting_user=other_officer, home=home, name="X", share=Decimal("1"))


def test_occupancy_changes_keep_their_history_and_the_property_shows_the_latest(home, prop_officer, today):
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today - dt.timedelta(days=10))
    home.refresh_from_db()
    assert (home.occupancy, home.occupancy_since) == (Occupancy.EMPTY, today - dt.timedelta(days=10))
    assert list(OccupancyChange.objects.filter(home=home).values_list("occupancy", flat=True)) == [
        Occupancy.CLIENT_LIVES_THERE, Occupancy.EMPTY]
    with pytest.raises(PropertyError, match="before"):
        occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.LET, since=today - dt.timedelta(days=20))
    with pytest.raises(PropertyError, match="future"):
        occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.LET, since=today + dt.timedelta(days=1))


def test_valuation_refuses_a_future_date_no_value_and_no_valuer(home, prop_officer, today):
    with pytest.raises(PropertyError, match="future"):
        valuation_record(acting_user=prop_officer, home=home, valued_on=today + dt.timedelta(days=1),
                         value=Decimal("1"), valuer="Bloggs")
    with pytest.raises(PropertyError, match="more than"):
        valuation_record(acting_user=prop_officer, home=home, valued_on=today, value=Decimal("0"), valuer="Bloggs")
    with pytest.raises(PropertyError, match="valued"):
        valuation_record(acting_user=prop_officer, home=home, valued_on=today, value=Decimal("1"), valuer=" ")
    assert not Valuation.objects.exists()
    valuation_record(acting_user=prop_officer, home=home, valued_on=today, value=Decimal("215000"), valuer="Bloggs & Co")
    assert Valuation.objects.get().value == Decimal("215000.00")


def test_keys_held_and_returned(home, prop_officer, today):
    keys = keys_record(acting_user=prop_officer, home=home, held_by="Neighbour at no. 12", number_of_keys=2,
                       since=today - dt.timedelta(days=30))
    with pytest.raises(PropertyError, match="before"):
        keys_return(acting_user=prop_officer, keys=keys, returned_on=today - dt.timedelta(days=31))
    keys_return(acting_user=prop_officer, keys=keys, returned_on=today)
    with pytest.raises(PropertyError, match="returned on"):
        keys_return(acting_user=prop_officer, keys=keys, returned_on=today)


def test_timeline_has_every_parts_events_in_date_order(home, prop_officer, today):
    valuation_record(acting_user=prop_officer, home=home, valued_on=today - dt.timedelta(days=100),
                     value=Decimal("200000"), valuer="Bloggs & Co")
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today - dt.timedelta(days=50))
    events = property_timeline(home=home)
    assert [event.on for event in events] == sorted(event.on for event in events)
    kinds = [event.kind for event in events]
    assert "Valuation" in kinds and kinds.count("Occupancy") == 2 and "Registered" in kinds
