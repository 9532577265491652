"""Pages for documents: ask for a letter about a client, and download a stored letter or file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import rule_required
from documents.choices import DocumentKind
from documents.selectors import access_document
from documents.services import document_request
from people.views import client_in_url


def document_in_url(request, pk, **kwargs):
    return access_document(user=request.user, pk=pk)


@require_POST
@rule_required("documents.request_letter", obj=lambda request, client_pk: client_in_url(request, client_pk))
def contact_details_letter_request(request, client_pk):
    """The "Create contact details letter" button on the client page."""
    client = request.rule_object
    try:
        document_request(
            acting_user=request.user, client=client, kind=DocumentKind.CONTACT_DETAILS,
            request_key=request.POST.get("request_key") or None,
        )
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Letter requested. It will be listed under Letters, ready to download, in a minute or so."
        )
    return redirect("documents:client-letters", pk=client.pk)  # the client page's Letters tab


@require_GET
@rule_required("documents.view_document", obj=document_in_url)
def document_download(request, pk):
    """The stored file (a letter's PDF, an uploaded file as it was uploaded), for someone who may see
    the document's client; always as a download, never shown in the page."""
    document = request.rule_object
    if not document.is_ready:
        raise Http404("This document is not ready yet")
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.download_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
