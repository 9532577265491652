"""Reads of documents, narrowed to what the user may see: the documents about clients they can
see (and, for documents about no one client, those they asked for, unless they see everything)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from core.roles import sees_every_client
from core.rules import can
from documents.choices import UPLOADED_KINDS
from documents.models import Document
from people.models import Client
from people.selectors import clients_visible_to


def documents_visible_to(*, user) -> QuerySet[Document]:
    if not can(user, "people.use_service"):
        return Document.objects.none()
    if sees_every_client(user):
        return Document.objects.all()
    return Document.objects.filter(
        Q(client__in=clients_visible_to(user=user)) | Q(client__isnull=True, requested_by=user)
    )


def access_document(*, user, pk) -> Document:
    """The document, if this user may see it; otherwise 404, whether it exists or not."""
    try:
        return documents_visible_to(user=user).select_related("client").get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("No document found") from None


def documents_for_client(*, client: Client) -> QuerySet[Document]:
    """The client's letters, newest first, for the client page (the caller has checked access).
    Uploaded files are listed where they belong (evidence on its assessment), not here."""
    return (client.documents.exclude(kind__in=UPLOADED_KINDS).select_related("requested_by")
            .order_by("-requested_at", "-id"))
