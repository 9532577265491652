"""The ladder's letters rendered by WeasyPrint: the letter before claim lists and includes its Pre-Action
Protocol enclosures and the reply-by date; the reminder states what is overdue."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from debt_recovery.ladder.models import LadderAction
from debt_recovery.ladder.services import ladder_run
from documents.services import document_render

INVOICED = dt.date(2026, 3, 2)


def _text(document) -> str:
    document = document_render(document_id=document.pk)
    document.file.open("rb")
    try:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document.file.read())).pages)
    finally:
        document.file.close()


@pytest.mark.django_db
def test_the_reminder_and_the_letter_before_claim_as_printed(debtor, ledger, ladder, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ledger.charge(debtor.ledger_account, "612.40", INVOICED)
    ledger.pay(debtor.ledger_account, "100.00", INVOICED + dt.timedelta(days=3))
    for n in (21, 35, 60, 74):
        ladder_run(on=INVOICED + dt.timedelta(days=n))
    reminder = LadderAction.objects.get(kind="reminder").letter
    text = _text(reminder)
    assert "£512.40" in text and "Reminder: your account is overdue" in text and debtor.reference in text
    lbc = LadderAction.objects.get(kind="letter_before_claim")
    text = " ".join(_text(lbc.letter).split())
    assert f"until {lbc.reply_by.day} {lbc.reply_by:%B %Y}" in text
    for enclosure in ("Enclosure 1: Statement of account", "Enclosure 2: Information sheet", "Enclosure 3: Reply form",
                      "Enclosure 4: Financial statement form"):
        assert enclosure in text
    assert "Pre-Action Protocol for Debt Claims" in text
    assert "£612.40" in text and "£100.00" in text  # the charge and the payment on the statement of account
    assert "I dispute the debt" in text and "Council Tax" in text
