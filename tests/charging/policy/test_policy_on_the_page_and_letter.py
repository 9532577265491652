"""A council policy line shows on the assessment's page and in the letter, as stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from charging import services
from charging.assessments.calculator import Setting
from documents.services import document_render
from tests.charging.conftest import care_started, resident_inputs
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_policy_line_on_the_page_and_in_the_letter(client_as, resident, other_officer, charging_leader):
    services.policy_add(acting_user=charging_leader, effective_from=dt.date(2026, 4, 6),
                        source="Test council charging policy 2026", reason="2026 policy", dre_flat=Decimal("30.00"))
    package = services.care_package_add(acting_user=other_officer, client=resident, setting="non_residential",
                                        weekly_cost="300.00", start_date=care_started(), provider_name="Helping Hands",
                                        reason="Care at home")
    assessment = services.assessment_draft_create(
        acting_user=other_officer, client=resident, care_package=package, assessment_date=care_started(),
        inputs=resident_inputs(setting=Setting.NON_RESIDENTIAL), reason="Care at home")
    assessment = services.assessment_submit(acting_user=other_officer, assessment=assessment)
    assessment = services.assessment_approve(acting_user=charging_leader, assessment=assessment)
    [line] = [line for line in assessment.result["lines"] if line["label"].startswith("Council policy: ")]
    assert line["label"] == "Council policy: flat rate disability related expenditure"
    assert assessment.result["policy_used"]["dre_flat"] == "30.00"
    page = client_as(other_officer).get(reverse("charging:assessment-detail", args=[assessment.pk]))
    assert "Council policy: flat rate disability related expenditure" in page.content.decode()
    text = pdf_text(document_render(document_id=assessment.letter_id).file.read())
    assert "Council policy: flat rate disability related expenditure" in text
    assert "Test council charging policy 2026" in text
