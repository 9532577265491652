"""The April uplift's pages: a team leader starts it, watches the workers, reads the report of old and
new charges and commits it; officers cannot, auditors only read."""

from __future__ import annotations

import datetime as dt
import html
import re
import time

import pytest
from django.urls import reverse

from charging import services
from charging.assessments.choices import AssessmentStatus
from charging.uplift.choices import UpliftStatus
from charging.models import Assessment, UpliftRun

UPLIFT = dt.date(2027, 4, 5)


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def form_date(day: dt.date) -> dict:
    return {"uplift_date_0": day.day, "uplift_date_1": day.month, "uplift_date_2": day.year}


@pytest.mark.django_db
def test_officers_cannot_see_or_start_an_uplift(client_as, other_officer, auditor):
    assert client_as(other_officer).get(reverse("charging:uplifts")).status_code == 403
    reader = client_as(auditor)
    page = reader.get(reverse("charging:uplifts"))
    assert page.status_code == 200 and "Start an uplift" not in text(page)
    assert reader.post(reverse("charging:uplifts"), form_date(UPLIFT)).status_code == 403
    assert UpliftRun.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_date_is_refused_with_a_message(client_as, charging_leader):
    page = text(client_as(charging_leader).post(reverse("charging:uplifts"), {"uplift_date_0": "31",
                                                                              "uplift_date_1": "2",
                                                                              "uplift_date_2": "2027"}))
    assert "There is a problem" in page and "must be a real date" in page
    assert UpliftRun.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_team_leader_previews_and_commits_an_uplift_in_the_browser_pages(client_as, make_resident,
                                                                          charging_leader, charging_worker):
    for name in ("Ann", "Bea"):
        make_resident(dt.date(2026, 4, 16), first_name=name)
    services.rate_add(acting_user=charging_leader, code="PEA", amount="33.00", effective_from=UPLIFT,
                      source="Test figure for the uplift", reason="Uplift test")
    browser = client_as(charging_leader)

    def wait_for(status):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            run = UpliftRun.objects.get()
            if run.status == status and (status != UpliftStatus.COMMITTED or run.letters == 2):
                return run
            time.sleep(0.2)
        pytest.fail(f"The uplift did not reach {status}:\n{charging_worker.log()}")

    started = browser.post(reverse("charging:uplifts"), form_date(UPLIFT), follow=True)
    assert "Uplift started: 2 live assessments" in text(started)
    run = wait_for(UpliftStatus.PREVIEWED)
    report = text(browser.get(reverse("charging:uplift-detail", args=[run.pk])))
    # The personal expenses allowance goes up £1.20 a week, so each charge comes down £1.20.
    assert "Ready to commit" in report
    assert "Ann Resident" in report and "Bea Resident" in report and "-£1.20" in report
    assert "Commit the uplift" in report
    assert not Assessment.objects.filter(effective_from=UPLIFT).exists()

    browser.post(reverse("charging:uplift-commit", args=[run.pk]))
    wait_for(UpliftStatus.COMMITTED)
    assert Assessment.objects.filter(effective_from=UPLIFT, status=AssessmentStatus.APPROVED,
                                     approved_by=charging_leader).count() == 2
    done = text(browser.get(reverse("charging:uplift-detail", args=[run.pk])))
    assert "2 new assessments, 2 letters" in done and "Commit the uplift" not in done
