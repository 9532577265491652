import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from properties.inspections.choices import Condition, EscalationLevel
from properties.inspections.models import InspectionEscalation
from properties.inspections.selectors import inspection_schedule
from properties.inspections.services import inspection_escalations_create, inspection_record
from properties.insurance.services import policy_record
from properties.register.choices import Occupancy
from properties.register.services import PropertyError, occupancy_change

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def empty_home(home, prop_officer, today):
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today - dt.timedelta(days=60))
    home.refresh_from_db()
    return home


def test_schedule_comes_from_the_policy_condition_or_the_default(empty_home, prop_officer, today):
    schedule = inspection_schedule(home=empty_home)
    assert (schedule.every_days, schedule.source) == (30, "The council's default (no insurer's condition)")
    assert schedule.due_on == today - dt.timedelta(days=30) and schedule.overdue
    policy_record(acting_user=prop_officer, home=empty_home, insurer="Borsetshire Mutual", policy_number="BM-1",
                  cover="Buildings", starts_on=today - dt.timedelta(days=10), renews_on=today + dt.timedelta(days=355),
                  premium=Decimal("300"), unoccupied_cover=True, inspection_every_days=14)
    schedule = inspection_schedule(home=empty_home)
    assert schedule.every_days == 14 and "Borsetshire Mutual" in schedule.source


def test_a_visit_clears_the_overdue_flag_and_stores_photos_and_action_tasks(empty_home, prop_officer, today):
    visit = inspection_record(acting_user=prop_officer, home=empty_home, visited_on=today, inspector="Owen Price",
                              condition=Condition.FAIR, findings="Post piling up; back window cracked",
                              photos=[SimpleUploadedFile("window.png", PNG, content_type="image/png")],
                              actions=[("Board the back window", prop_officer, today + dt.timedelta(days=3))])
    assert visit.photos.get().document.content_type == "image/png"
    assert visit.actions.get().task.assigned_to == prop_officer
    schedule = inspection_schedule(home=empty_home)
    assert not schedule.overdue and schedule.due_on == today + dt.timedelta(days=30)


def test_a_visit_cannot_be_in_the_future_or_without_an_inspector(empty_home, prop_officer, today):
    with pytest.raises(PropertyError, match="future"):
        inspection_record(acting_user=prop_officer, home=empty_home, visited_on=today + dt.timedelta(days=1),
                          inspector="X", condition=Condition.GOOD)
    with pytest.raises(PropertyError, match="who inspected"):
        inspection_record(acting_user=prop_officer, home=empty_home, visited_on=today, inspector="",
                          condition=Condition.GOOD)


def test_escalation_goes_to_the_officer_when_due_and_the_leader_past_the_grace_once(
        empty_home, prop_officer, prop_leader, today):
    made = inspection_escalations_create(on=today)
    assert made == {"due": 1, "overdue": 1}  # due 30 days ago: past the 7-day grace
    assert inspection_escalations_create(on=today) == {"due": 0, "overdue": 0}
    assert InspectionEscalation.objects.get(level=EscalationLevel.DUE).task.assigned_to == prop_officer
    assert InspectionEscalation.objects.get(level=EscalationLevel.OVERDUE).task.assigned_to == prop_leader


def test_no_escalation_before_due(empty_home, prop_officer, today):
    inspection_record(acting_user=prop_officer, home=empty_home, visited_on=today, inspector="Owen",
                      condition=Condition.GOOD)
    assert inspection_escalations_create(on=today) == {"due": 0, "overdue": 0}
