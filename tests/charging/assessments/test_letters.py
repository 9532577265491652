"""The "Your financial assessment" letter: made on approval from the stored result, with every line
of the working, the charge, when it starts, how to pay and how to ask for a review."""

from __future__ import annotations

import hashlib
import time

import pytest

from charging import services
from charging.assessments.presentation import charge_summary, working_lines
from documents.choices import DocumentKind, DocumentStatus
from documents.services import document_render
from tests.charging.conftest import care_started, resident_inputs
from tests.documents.conftest import pdf_text


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def assert_letter_shows(text: str, assessment) -> None:
    summary = charge_summary(assessment.result)
    assert "Your financial assessment" in text
    assert f"You pay each week {summary['weekly_charge']}" in text
    assert f"The council pays each week {summary['council_share']}" in text
    assert f"The cost of your care each week {summary['weekly_cost_of_care']}" in text
    assert f"Your charge starts on {_long(assessment.effective_from)}" in text
    assert assessment.backdating_explanation in text
    lines = working_lines(assessment.result)
    assert lines
    for line in lines:
        assert line.label in text, line
        assert line.amount_display in text, line
        if line.rule:
            assert line.rule in text, line
    assert "Direct Debit" in text and "01632 960000" in text and "www.council.example/pay" in text
    assert "ask us to review your assessment by" in text and "within 28 days" in text
    assert assessment.client.council_reference in text


@pytest.mark.django_db
def test_the_letter_shows_every_line_of_the_working(make_assessment):
    assessment = make_assessment("approved")
    document = document_render(document_id=assessment.letter_id)

    assert document.status == DocumentStatus.READY
    assert document.kind == DocumentKind.ASSESSMENT_LETTER
    assert document.template_name == "charging/letters/assessment.html"
    text = pdf_text(document.file.read())
    assert_letter_shows(text, assessment)
    assert "Dear Mr Pemberton" in text
    assert "Beech House Care Home" in text and "AN4 7GH" in text
    assert "£3,975.20, will be on your first invoice" in text


@pytest.mark.django_db
def test_the_letter_says_what_the_stored_result_says(make_assessment, charging_leader):
    assessment = make_assessment("approved")
    services.rate_add(acting_user=charging_leader, code="PEA", amount="45.00", effective_from=care_started(),
                      source="Test: a corrected figure", reason="Correction")
    document = document_render(document_id=assessment.letter_id)
    text = pdf_text(document.file.read())
    assert "£248.45" in text and "-£31.80" in text
    assert "£45.00" not in text
    assert document.data["charge"]["weekly_charge"] == "£248.45"


@pytest.mark.django_db(transaction=True)
def test_approval_has_the_letter_made_by_a_worker(charging_worker, care_home, other_officer, charging_leader):
    assessment = services.assessment_draft_create(
        acting_user=other_officer, client=care_home.client, care_package=care_home, assessment_date=care_started(),
        inputs=resident_inputs(), reason="Moved into a care home",
    )
    services.assessment_submit(acting_user=other_officer, assessment=assessment)
    assessment = services.assessment_approve(acting_user=charging_leader, assessment=assessment)

    letter = assessment.letter
    deadline = time.monotonic() + 60
    while letter.status == DocumentStatus.PENDING and time.monotonic() < deadline:
        time.sleep(0.2)
        letter.refresh_from_db()

    assert letter.status == DocumentStatus.READY, charging_worker.log()
    stored = letter.file.read()
    assert hashlib.sha256(stored).hexdigest() == letter.sha256
    assert_letter_shows(pdf_text(stored), assessment)
    assert "documents.tasks.render_document" in charging_worker.log()
