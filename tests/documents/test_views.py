"""The letter pages: ask for the contact details letter, download a stored document, and the
Letters section of the client page."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from documents.selectors import documents_for_client
from documents.services import document_render, document_request

pytestmark = pytest.mark.django_db


def request_url(client):
    return reverse("documents:contact-details-letter", args=[client.pk])


@pytest.fixture
def ready_document(letter_client, officer):
    document = document_request(acting_user=officer, client=letter_client, kind=DocumentKind.CONTACT_DETAILS)
    return document_render(document_id=document.pk)


def test_officer_asks_for_the_letter(client_as, officer, letter_client):
    response = client_as(officer).post(request_url(letter_client), {"request_key": "form-0a1b2c3d4e"})

    assert response.status_code == 302
    assert response["Location"] == reverse("documents:client-letters", args=[letter_client.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)][0].startswith("Letter requested")
    document = Document.objects.get()
    assert (document.client, document.requested_by, document.status) == (letter_client, officer, DocumentStatus.PENDING)
    assert document.request_key == "form-0a1b2c3d4e"


def test_a_double_click_makes_one_letter(client_as, officer, letter_client):
    web = client_as(officer)
    web.post(request_url(letter_client), {"request_key": "form-0a1b2c3d4e"})
    web.post(request_url(letter_client), {"request_key": "form-0a1b2c3d4e"})
    assert Document.objects.count() == 1


def test_a_client_without_an_address_gets_a_message_not_a_letter(client_as, officer, north_client):
    response = client_as(officer).post(request_url(north_client))
    assert response.status_code == 302
    assert "no current home, care home or correspondence address" in str(list(get_messages(response.wsgi_request))[0])
    assert not Document.objects.exists()


def test_asking_for_another_teams_client_is_404(client_as, other_officer, letter_client):
    assert client_as(other_officer).post(request_url(letter_client)).status_code == 404
    assert not Document.objects.exists()


def test_an_unknown_client_is_404(client_as, officer):
    assert client_as(officer).post(reverse("documents:contact-details-letter", args=[987654])).status_code == 404


def test_auditor_cannot_ask(client_as, auditor, letter_client):
    assert client_as(auditor).post(request_url(letter_client)).status_code == 403
    assert not Document.objects.exists()


def test_asking_needs_a_post(client_as, officer, letter_client):
    assert client_as(officer).get(request_url(letter_client)).status_code == 405


def test_download_streams_the_stored_pdf(client_as, officer, ready_document):
    response = client_as(officer).get(reverse("documents:download", args=[ready_document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{ready_document.download_name}"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    ready_document.file.open("rb")
    assert body == ready_document.file.read()


@pytest.mark.parametrize(
    "persona, status", [("officer", 200), ("team_leader", 200), ("auditor", 200), ("other_officer", 404)]
)
def test_who_may_download(request, client_as, ready_document, persona, status):
    user = request.getfixturevalue(persona)
    assert client_as(user).get(reverse("documents:download", args=[ready_document.pk])).status_code == status


def test_download_needs_sign_in(client, ready_document):
    response = client.get(reverse("documents:download", args=[ready_document.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_pending_document_cannot_be_downloaded(client_as, officer, letter_client):
    document = document_request(acting_user=officer, client=letter_client, kind=DocumentKind.CONTACT_DETAILS)
    assert client_as(officer).get(reverse("documents:download", args=[document.pk])).status_code == 404


def render_section(client, user, *, read_only_user=False):
    request = RequestFactory().get(client.get_absolute_url())
    request.user = user
    return render_to_string(
        "documents/_client_documents.html",
        {"client": client, "documents": documents_for_client(client=client), "read_only_user": read_only_user},
        request=request,
    )


def test_the_letters_section_lists_documents_and_offers_the_letter(letter_client, officer, ready_document):
    document_request(acting_user=officer, client=letter_client, kind=DocumentKind.CONTACT_DETAILS)

    html = render_section(letter_client, officer)

    assert "Letters" in html
    assert html.count("<tr class=\"govuk-table__row\">") == 3  # the headings and two letters
    assert "govuk-tag--green" in html and "Ready" in html
    assert "govuk-tag--blue" in html and "Being prepared" in html
    assert "Olivia Officer" in html
    assert reverse("documents:download", args=[ready_document.pk]) in html
    assert f'action="{request_url(letter_client)}"' in html
    assert 'name="request_key"' in html and 'name="csrfmiddlewaretoken"' in html
    assert "Create contact details letter" in html and "govuk-button" in html


def test_the_letters_section_has_no_button_for_read_only_users(letter_client, auditor):
    html = render_section(letter_client, auditor, read_only_user=True)
    assert "Create contact details letter" not in html
    assert "No letters have been made" in html


def test_each_form_carries_a_fresh_request_key(letter_client, officer):
    import re

    keys = {re.search(r'name="request_key" value="([^"]+)"', render_section(letter_client, officer)).group(1)
            for _ in range(2)}
    assert len(keys) == 2
