"""Letters to the right person at the right address: the correspondence rule applied to the contact
details letter (the care home she lives in, a copy to her attorney, the council as deputy), stored in
the document's data and printed in the PDF, with the copy as its own addressed pages."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from core.exceptions import ApplicationError
from documents.choices import DocumentKind
from documents.letters import letter_recipients, letterhead
from documents.services import document_render, document_request
from people import services as people_services
from people.models import ClientContact
from people.selectors import today
from people.services import AddressInput
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db

KIND = DocumentKind.CONTACT_DETAILS
CARE_HOME = ["Meadowbank Care Home", "2 Orchard Road", "Anytown", "AN5 7LP"]


def _september_this_year() -> dt.date:
    day = today()
    return dt.date(day.year if day.month >= 9 else day.year - 1, 9, 4)


@pytest.fixture
def in_care(north_client, officer):
    """Margaret Thornton: her own home (still on the record, as it usually is when someone moves into
    care), the care home she has lived in since September, and her daughter, her attorney."""
    people_services.client_update(acting_user=officer, client=north_client, reason="Title", title="Mrs")
    north_client.refresh_from_db()
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(line_1="14 Chapel Lane", town="Anytown", postcode="AN3 4CD", start_date=dt.date(1990, 6, 1)))
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(kind="care_home", line_1="Meadowbank Care Home", line_2="2 Orchard Road", town="Anytown",
                          postcode="AN5 7LP", start_date=_september_this_year()))
    daughter = people_services.contact_create(
        acting_user=officer, name="Mrs Jane Doe", address="22 Orchard Way\nOthertown\nOT1 5EF")
    people_services.client_contact_link(
        acting_user=officer, client=north_client, contact=daughter, relationship="attorney",
        description="Daughter; lasting power of attorney for property and financial affairs")
    return north_client


def _attorney(client) -> ClientContact:
    return ClientContact.objects.get(client=client, relationship="attorney")


def _render(client, user):
    document = document_request(acting_user=user, client=client, kind=KIND)
    return document_render(document_id=document.pk)


def test_without_a_rule_the_letter_goes_to_the_care_home_she_lives_in_not_her_old_home(in_care, officer):
    document = document_request(acting_user=officer, client=in_care, kind=KIND)

    assert document.data["recipient"]["address_lines"] == CARE_HOME
    assert document.data["copies"] == []
    assert document.data["sent_because"] == "default"


def test_care_home_with_a_copy_to_the_attorney_when_the_rule_says_so(in_care, officer, tmp_path):
    people_services.correspondence_rule_set(
        acting_user=officer, client=in_care, send_to="care_home", representative=_attorney(in_care),
        copy_to_representative=True, reason="Her daughter asked for copies")

    document = _render(in_care, officer)

    data = document.data
    assert data["recipient"]["name"] == "Mrs Margaret Thornton"
    assert data["recipient"]["address_lines"] == CARE_HOME
    assert [(c["label"], c["address_lines"]) for c in data["copies"]] == [
        ("Mrs Jane Doe (attorney)", ["22 Orchard Way", "Othertown", "OT1 5EF"])]
    pdf = document.file.read()
    pages = pdf_text(pdf).split("\n")
    letter = [page for page in pages if "This is a copy" not in page]
    copy = [page for page in pages if "This is a copy" in page]
    assert letter and copy, "the copy is its own pages, addressed to the attorney"
    assert letter[0].index("Mrs Margaret Thornton Meadowbank Care Home") < letter[0].index("Dear Mrs Thornton")
    assert "14 Chapel Lane Anytown AN3 4CD Date" not in letter[0]
    assert "Copy to: Mrs Jane Doe (attorney)" in " ".join(letter)
    assert copy[0].startswith("Your Council") and "OT1 5EF Copy Date" in copy[0] and "Mrs Jane Doe 22 Orchard Way Othertown OT1 5EF" in copy[0]
    assert "our letter to Mrs Margaret Thornton" in copy[0]

    if shutil.which("pdftoppm"):  # a look at the first page, as a person would see it
        (tmp_path / "letter.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "letter.pdf"), str(tmp_path / "page")],
                       check=True)
        assert sorted(p.name for p in tmp_path.glob("page-*.png"))


def test_to_the_attorney_with_a_copy_to_her(in_care, officer):
    people_services.correspondence_rule_set(
        acting_user=officer, client=in_care, send_to="representative", representative=_attorney(in_care),
        copy_to_client=True, reason="She asked that her daughter deals with her post")

    document = _render(in_care, officer)

    assert document.data["recipient"]["name"] == "Mrs Jane Doe"
    assert document.data["recipient"]["address_lines"] == ["22 Orchard Way", "Othertown", "OT1 5EF"]
    assert document.data["about"] == "Mrs Margaret Thornton"
    assert [c["address_lines"] for c in document.data["copies"]] == [CARE_HOME]
    text = pdf_text(document.file.read())
    assert "Dear Mrs Jane Doe" in text
    assert "About: Mrs Margaret Thornton" in text and "as Mrs Margaret Thornton's attorney" in text
    assert "Copy to: Mrs Margaret Thornton" in text


def test_council_as_deputy_goes_to_her_care_of_client_affairs(in_care, officer, north_team):
    council = people_services.contact_create(
        acting_user=officer, kind="organisation", organisation_type="council", name="The council's client affairs team")
    people_services.client_contact_link(acting_user=officer, client=in_care, contact=council, relationship="deputy",
                                        description="Property and financial affairs deputy")
    # Even a rule naming her home gives way: the council manages her affairs.
    people_services.correspondence_rule_set(acting_user=officer, client=in_care, send_to="home",
                                            reason="Before the deputyship order")

    document = _render(in_care, officer)

    head = letterhead()
    assert document.data["recipient"]["name"] == "Mrs Margaret Thornton"
    assert document.data["recipient"]["address_lines"] == [f"c/o {north_team.name}", head["council"],
                                                            *head["address_lines"]]
    assert document.data["sent_because"] == "council"
    text = pdf_text(document.file.read())
    assert f"Mrs Margaret Thornton c/o {north_team.name}" in text
    assert "14 Chapel Lane Anytown AN3 4CD Date" not in text and "Meadowbank Care Home 2 Orchard Road Anytown AN5 7LP Date" not in text


def test_a_council_deputy_that_no_client_affairs_team_of_ours_holds_is_another_council(
        charging_client, other_officer):
    people_services.address_add(acting_user=other_officer, client=charging_client, data=AddressInput(
        line_1="3 Mill Street", town="Anytown", postcode="AN2 2BB", start_date=dt.date(2001, 1, 1)))
    council = people_services.contact_create(
        acting_user=other_officer, kind="organisation", organisation_type="council", name="Another County Council")
    people_services.client_contact_link(acting_user=other_officer, client=charging_client, contact=council,
                                        relationship="appointee")

    to = letter_recipients(client=charging_client, on=today())

    assert to["addressee"]["address_lines"] == ["3 Mill Street", "Anytown", "AN2 2BB"]


def test_a_rule_that_cannot_be_followed_today_refuses_the_letter(in_care, officer):
    people_services.correspondence_rule_set(
        acting_user=officer, client=in_care, send_to="care_home", reason="Lives there")
    in_care.addresses.filter(kind="care_home").update(end_date=today() - dt.timedelta(days=1))

    with pytest.raises(ApplicationError) as refused:
        document_request(acting_user=officer, client=in_care, kind=KIND)
    assert refused.value.code == "no_postal_address"
    assert "correspondence rule" in refused.value.message
