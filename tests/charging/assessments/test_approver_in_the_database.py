"""Only a charging team leader approves an assessment: the database refuses anyone else (23C01), so a
script that skips charging.services.assessment_approve and its rule is still refused."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from charging.models import Assessment

pytestmark = pytest.mark.django_db


def _approve_raw(assessment, approver):
    with transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(status="approved", approved_by=approver,
                                                           approved_at=assessment.submitted_at,
                                                           effective_from=assessment.assessment_date)


@pytest.mark.parametrize("persona", ["team_leader", "administrator", "colleague"])
def test_anyone_but_a_charging_team_leader_is_refused(request, persona, make_assessment, charging_team):
    from tests.factories import TeamMembershipFactory, UserFactory

    if persona == "colleague":
        approver = UserFactory(username="cara")
        TeamMembershipFactory(team=charging_team, user=approver)  # a charging officer, not its leader
    else:
        approver = request.getfixturevalue(persona)
    assessment = make_assessment("submitted")
    with pytest.raises(DatabaseError) as caught:
        _approve_raw(assessment, approver)
    assert caught.value.__cause__.sqlstate == "23C01" and "CHARGING_APPROVER" in str(caught.value)
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.approved_by_id is None


def test_a_charging_team_leader_approves_through_the_service(make_assessment, charging_leader):
    from charging import services

    assessment = services.assessment_approve(acting_user=charging_leader, assessment=make_assessment("submitted"))
    assessment.refresh_from_db()
    assert assessment.status == "approved" and assessment.approved_by == charging_leader
