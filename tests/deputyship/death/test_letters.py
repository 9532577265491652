"""The death notification letters and the final account PDF, made through documents and rendered by WeasyPrint."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from deputyship.death import services
from deputyship.death.choices import LetterTo, NotificationTo, NotifiedHow, WillStatus
from deputyship.death.models import DeathLetter, FinalAccount
from deputyship.returns.models import CourtReturn
from documents.choices import DocumentKind
from documents.models import Document
from documents.services import document_render
from ledger import client_money
from ledger.choices import MoneyInCategory
from tests.deputyship.death.conftest import DIED, TODAY

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    document = document_render(document_id=document.pk)
    assert document.status == "ready"
    return subprocess.run(["pdftotext", "-layout", document.file.path, "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def death(officer, north_client, deputy, contacts, fund):
    fund(north_client, "3000.00", on=DIED - dt.timedelta(days=10))
    return services.death_record(acting_user=officer, client=north_client, died_on=DIED, notified_on=DIED,
                                 notified_how=NotifiedHow.CARE_HOME, will=WillStatus.VALID_WILL, executor="Ann Smith")


def test_recording_the_death_makes_a_letter_for_each_recipient_in_one_go(death, contacts):
    letters = {(letter.to, letter.recipient) for letter in DeathLetter.objects.filter(death=death)}
    assert letters == {
        (LetterTo.OPG, "Office of the Public Guardian"), (LetterTo.COURT, "Court of Protection"),
        (LetterTo.EXECUTOR, "Ann Smith"), (LetterTo.RELATIVE, "Jane Thornton"),
        (LetterTo.ORGANISATION, "Northern Bank plc"), (LetterTo.DWP, "Pension Service 9")}
    # each is a document on the client, under its notification's task
    for letter in DeathLetter.objects.filter(death=death).select_related("letter", "notification"):
        assert letter.letter.client_id == death.client_id
        assert letter.letter.kind == DocumentKind.DEPUTYSHIP_DEATH_NOTICE
        assert letter.notification.to == services.LETTER_TASK[letter.to]
    assert death.notifications.get(to=NotificationTo.OPG).letter is not None
    # the care home is not written to; the contact with no address is listed as waiting
    waiting = [r.name for r in services.death_letter_recipients(death=death) if not r.has_address]
    assert waiting == ["Old Friend"]


def test_the_officer_action_makes_only_the_letters_not_made_yet(death, officer, contacts):
    with pytest.raises(ApplicationError, match="Record a postal address first for: Old Friend"):
        services.death_letters_send(acting_user=officer, death=death)
    before = Document.objects.count()
    contacts["no_address"].address = "2 Low Road\nAnytown"
    contacts["no_address"].save()
    made = services.death_letters_send(acting_user=officer, death=death)
    assert [letter.recipient for letter in made] == ["Old Friend"] and Document.objects.count() == before + 1
    with pytest.raises(ApplicationError, match="Everyone recorded has been written to"):
        services.death_letters_send(acting_user=officer, death=death)


def test_someone_else_cannot_make_the_letters(death, other_officer):
    with pytest.raises(ApplicationError):
        services.death_letters_send(acting_user=other_officer, death=death)


def test_the_opg_letter_says_what_the_practice_note_asks(death):
    letter = DeathLetter.objects.get(death=death, to=LetterTo.OPG).letter
    text = " ".join(pdf_text(letter).split())
    client = death.client
    for expected in ("Office of the Public Guardian", "PO Box 16185", "B2 2WH", client.full_name,
                     f"{DIED.day} {DIED:%B %Y}", "COP-1", "Life Event Verification", "final report",
                     "Date of birth", client.council_reference):
        assert expected in text, expected


def test_the_bank_executor_and_relative_letters(death):
    bank = " ".join(pdf_text(DeathLetter.objects.get(death=death, to=LetterTo.ORGANISATION).letter).split())
    assert "Northern Bank plc" in bank and "stop any payments out" in bank and "balance or amount owed" in bank
    executor = " ".join(pdf_text(DeathLetter.objects.get(death=death, to=LetterTo.EXECUTOR).letter).split())
    assert "Dear Ann Smith" in executor and "written consent" in executor and "grant of probate" in executor
    relative = " ".join(pdf_text(DeathLetter.objects.get(death=death, to=LetterTo.RELATIVE).letter).split())
    assert "Dear Jane Thornton" in relative and "There is a will" in relative


def test_an_appointeeship_writes_to_no_opg_or_court(officer, north_client, contacts):
    from deputyship.authority.choices import AuthorityKind
    from deputyship.authority.services import authority_record

    authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.APPOINTEE, reference="BF57-1",
                     made_on=TODAY - dt.timedelta(days=90), starts_on=TODAY - dt.timedelta(days=90), reason="BF57")
    death = services.death_record(acting_user=officer, client=north_client, died_on=DIED, notified_on=DIED,
                                  notified_how=NotifiedHow.HOSPITAL)
    assert not DeathLetter.objects.filter(death=death, to__in=[LetterTo.OPG, LetterTo.COURT]).exists()
    assert DeathLetter.objects.filter(death=death, to=LetterTo.DWP).exists()


def test_the_final_report_is_made_when_the_deputyship_ends(death, deputy):
    final = services.final_report_of(death)
    assert final is not None and final.final and final.period_end == DIED
    assert CourtReturn.objects.filter(authority=deputy, final=True).count() == 1


def test_the_final_account_pdf_prints_the_recorded_figures(death, officer, north_client, team_leader):
    receipt = client_money.client_receipt_record(
        acting_user=officer, client=north_client, amount=Decimal("125.40"), effective_date=DIED + dt.timedelta(days=2),
        category=MoneyInCategory.STATE_PENSION, idempotency_key="after-death", memo="State Pension, last payment")
    client_money.receipt_confirm(acting_user=team_leader, receipt=receipt.manual_receipt)
    consent = services.funeral_consent_record(acting_user=officer, death=death, consented_by="Ann Smith",
                                              consented_on=TODAY, funeral_director="Co-op Funeralcare",
                                              amount=Decimal("2000.00"))
    services.funeral_cost_pay(acting_user=officer, consent=consent, amount=Decimal("180.00"), effective_date=TODAY,
                              reference="INV-77", idempotency_key="funeral-test-1")
    document = services.final_account_render(acting_user=officer, death=death)
    account = FinalAccount.objects.get(death=death)
    assert (account.balance_at_death, account.money_in_since, account.money_out_since, account.balance_now) == (
        Decimal("3000.00"), Decimal("125.40"), Decimal("180.00"), Decimal("2945.40"))
    assert account.document == document and document.kind == DocumentKind.DEPUTYSHIP_FINAL_ACCOUNT
    assert document.data["account"]["balance_now"] == str(account.balance_now)
    text = " ".join(pdf_text(document).split())
    for expected in ("£3,000.00", "£125.40", "£180.00", "£2,945.40", "State Pension, last payment",
                     "Funeral costs, with the consent of Ann Smith"):
        assert expected in text, expected
    # asking again gives the same document, and the figures are not worked out again
    assert services.final_account_render(acting_user=officer, death=death) == document


def test_the_final_account_is_refused_for_a_future_date(death, officer):
    with pytest.raises(ApplicationError, match="future"):
        services.final_account_render(acting_user=officer, death=death, as_at=TODAY + dt.timedelta(days=1))
    assert not FinalAccount.objects.exists()
