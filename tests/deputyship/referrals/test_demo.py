"""The casework demo: after the people step, written through the services, and adding nothing when run again."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deputyship.authority.choices import Action
from deputyship.authority.models import LegalAuthority, SecurityBond
from deputyship.authority.services import authority_check
from deputyship.referrals.models import ApplicationThreshold, Referral
from deputyship.referrals.selectors import referral_stage
from people.demo import COUNCIL_DEPUTY_FOR

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_each_stage_and_oconnors_authority_once(settings, tmp_path):
    from core.context import acting_as_job
    from core.registry import DemoRun, registry
    from deputyship.referrals.demo import seed_demo_step
    from people.demo import seed_people

    settings.MEDIA_ROOT = tmp_path
    step = next(s for s in registry.demo_steps if s.key == "deputyship-casework")
    assert step.after == ("people",)
    run = DemoRun(on=timezone.localdate())
    with acting_as_job("seed_demo"):
        seed_people(run)
        made = seed_demo_step(run)
        assert made == {"thresholds": 1, "referrals": 3, "authorities": 2, "bonds": 1}
        assert seed_demo_step(run) == {"thresholds": 0, "referrals": 0, "authorities": 0, "bonds": 0}
    assert ApplicationThreshold.objects.get().amount == 5000
    oconnor = LegalAuthority.objects.get(client__last_name=COUNCIL_DEPUTY_FOR)
    assert oconnor.kind == "deputy" and not oconnor.may_sell_property and oconnor.ends_on is None
    assert 13 <= (run.on - oconnor.made_on).days / 30.4 <= 15
    assert SecurityBond.objects.get(authority=oconnor).renewal_on > run.on
    assert not authority_check(client=oconnor.client, action=Action.SELL_PROPERTY).allowed
    stages = {r.client.last_name: referral_stage(r) for r in Referral.objects.select_related("client")}
    assert stages == {"Briggs": "Awaiting documents", "Ashworth": "Ready to submit",
                      "Mitchell": "Appointeeship approved (BF57)"}
    assert LegalAuthority.objects.get(client__last_name="Mitchell").kind == "appointee"


def test_the_demo_appointeeship_has_a_dwp_review_held_and_one_to_come(settings, tmp_path):
    from core.context import acting_as_job
    from core.registry import DemoRun
    from deputyship.referrals.demo import seed_demo_step
    from deputyship.referrals.models import AppointeeReview
    from people.demo import seed_people

    settings.MEDIA_ROOT = tmp_path
    run = DemoRun(on=timezone.localdate())
    with acting_as_job("seed_demo"):
        seed_people(run)
        seed_demo_step(run)
    reviews = list(AppointeeReview.objects.filter(client__last_name="Mitchell").order_by("due_on"))
    assert [r.held_on for r in reviews] == [run.on, None]
    assert "appointeeship continues" in reviews[0].outcome
