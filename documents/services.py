"""The only code that writes documents.

An officer asks for a letter (:func:`document_request`): a pending :class:`Document` is stored with
the data the letter will say, and a worker is asked, once the request's transaction has committed,
to make the PDF (:func:`document_render`, run by ``documents.tasks.render_document``).

A file someone uploads (evidence for an assessment) is stored by :func:`document_upload`, after
checking what it is and how large (``documents.uploads``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import current_history_user, set_reason, update_with_history
from core.roles import is_read_only
from core.rules import require
from documents.choices import UPLOADED_KINDS, DocumentStatus
from documents.letters import letter_spec
from documents.models import Document
from documents.pdf import render_letter_pdf
from documents.uploads import UploadRefused, check_upload, display_name, max_upload_bytes, too_large_message
from people.models import Client
from people.selectors import clients_visible_to, today

log = logging.getLogger(__name__)

_REQUEST_KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,64}$")


def _require_requester(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDeniedError("Sign in to ask for a letter.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")


def _same_request(existing: Document, *, acting_user, client: Client, kind: str) -> Document:
    if existing.client_id != client.pk or existing.kind != kind or existing.requested_by_id != acting_user.pk:
        raise ConflictError(
            "This request has already been used for a different letter. Reload the page and try again."
        )
    return existing


def document_request(*, acting_user, client: Client, kind: str, request_key: str | None = None,
                     letter_args: dict | None = None) -> Document:
    """Ask for a letter about a client. The letter's data is gathered now (so it says what the
    record says at the moment it was asked for); the PDF is made by a worker.

    ``request_key`` identifies the request (the form carries one): sending the same request again
    returns the first document and queues nothing. Without one, every call makes a new document.
    ``letter_args`` go to the letter's ``build`` function (e.g. ``{"assessment": ...}`` for a
    financial assessment letter, which its service asks for on approval).
    """
    _require_requester(acting_user)
    spec = letter_spec(kind)
    if request_key is not None and not _REQUEST_KEY.match(request_key):
        raise ApplicationError("The request was not recognised. Reload the page and try again.",
                               code="bad_request_key", extra={"request_key": ["Not a valid request key."]})
    key = request_key or uuid.uuid4().hex
    with transaction.atomic():
        try:  # read afresh: the letter says what the record says now, not what a caller holds
            client = clients_visible_to(user=acting_user).get(pk=client.pk)
        except Client.DoesNotExist:
            raise PermissionDeniedError("You do not work with this client.", code="not_your_client") from None
        require(acting_user, "documents.request_letter", client)
        existing = Document.objects.filter(request_key=key).first()
        if existing is not None:
            return _same_request(existing, acting_user=acting_user, client=client, kind=kind)
        data = spec.build(client=client, on=today(), **(letter_args or {}))
        document = Document(
            client=client, kind=spec.kind, title=spec.title, template_name=spec.template_name,
            template_version=spec.template_version, request_key=key, data=data, requested_by=acting_user,
        )
        set_reason(document, f"{spec.title} requested")
        document._history_user = acting_user  # attributed to the requester however the service is called
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # The same request, sent at the same moment, got there first (or it is another fault).
            existing = Document.objects.filter(request_key=key).first()
            if existing is None:
                raise
            return _same_request(existing, acting_user=acting_user, client=client, kind=kind)
        document_id = document.pk
        transaction.on_commit(lambda: _queue_render(document_id))
    return document


def document_request_for_job(*, requested_by, client: Client, kind: str, request_key: str,
                             letter_args: dict | None = None, on=None, render: bool = True) -> Document:
    """Ask for a letter from a bulk job (the charging run's invoices, the April uplift's letters):
    as :func:`document_request`, but the job has already decided who the letters go to, so the
    requester's caseload is not checked. ``requested_by`` is the person the job acts for (the team
    leader who committed an uplift) or the system user. ``request_key`` is required: running the job
    again finds the first document. Raises :class:`ApplicationError` (e.g. no postal address) before
    writing anything. With ``render=False`` no worker is asked to make the PDF: the job makes its
    letters together with :func:`documents_render_together`."""
    spec = letter_spec(kind)
    if not _REQUEST_KEY.match(request_key or ""):
        raise ApplicationError("The request was not recognised.", code="bad_request_key")
    existing = Document.objects.filter(request_key=request_key).first()
    if existing is not None:
        return existing
    data = spec.build(client=client, on=on or today(), **(letter_args or {}))
    document = Document(
        client=client, kind=spec.kind, title=spec.title, template_name=spec.template_name,
        template_version=spec.template_version, request_key=request_key, data=data, requested_by=requested_by,
    )
    set_reason(document, f"{spec.title} requested")
    document._history_user = requested_by
    with transaction.atomic():
        document.save()
        document_id = document.pk
        if render:
            transaction.on_commit(lambda: _queue_render(document_id))
    return document


def _queue_render(document_id: int) -> None:
    from documents.tasks import render_document  # tasks call services; import here to avoid a cycle

    render_document.delay(document_id)


def document_render(*, document_id: int) -> Document:
    """Make the PDF for a pending document from its stored data, store it with its SHA-256 and
    mark it ready. Safe to run again: a document that is already ready is returned untouched."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status == DocumentStatus.READY:
            return document
        pdf = render_letter_pdf(template_name=document.template_name, data=document.data)
        document.file.save(document.download_name, ContentFile(pdf), save=False)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.size = len(pdf)
        document.status = DocumentStatus.READY
        document.rendered_at = timezone.now()
        document.error = ""
        set_reason(document, "Rendered to PDF")
        document.save()
    log.info("Rendered document %s (%s bytes, sha256 %s)", document.pk, document.size, document.sha256)
    return document


def _store_pdf(document: Document, pdf: bytes) -> None:
    document.file.save(document.download_name, ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size = len(pdf)
    document.status = DocumentStatus.READY
    document.rendered_at = timezone.now()
    document.error = ""


def documents_render_together(*, document_ids: list[int]) -> list[Document]:
    """Make the PDFs of many pending letters at once (a bulk job's: a statement run's chunk): laid out
    one by one, written as one PDF so the fonts are embedded once, then cut into each letter's own
    file (:func:`documents.pdf.render_letters_together`, :func:`documents.pdf.split_pdf`). One
    database transaction: all are stored, or none. Safe to run again: ready documents are skipped."""
    from documents.pdf import render_letters_together, split_pdf

    with transaction.atomic():
        documents = list(Document.objects.select_for_update(of=("self",)).filter(pk__in=document_ids)
                         .exclude(status=DocumentStatus.READY).select_related("client").order_by("pk"))
        if not documents:
            return []
        pdf, counts = render_letters_together([(d.template_name, d.data) for d in documents])
        for document, part in zip(documents, split_pdf(pdf, counts), strict=True):
            _store_pdf(document, part)
        # One UPDATE for the batch, with a history row each (not a save per letter, which would send each
        # letter's data back to PostgreSQL again).
        update_with_history(
            Document, set_sql=('"file" = v."file", "sha256" = v."sha256", "size" = v."size", '
                               '"status" = v."status", "rendered_at" = v."rendered_at", "error" = \'\''),
            params=[], from_sql=("unnest(%s::bigint[], %s::varchar[], %s::varchar[], %s::bigint[], %s::varchar[], "
                                 "%s::timestamptz[]) AS v(id, file, sha256, size, status, rendered_at)"),
            from_params=[[d.pk for d in documents], [d.file.name for d in documents],
                         [d.sha256 for d in documents], [d.size for d in documents],
                         [d.status for d in documents], [d.rendered_at for d in documents]],
            user=current_history_user(), reason="Rendered to PDF")
    log.info("Rendered %s documents together (%s bytes)", len(documents), len(pdf))
    return documents


def document_store_for_job(*, requested_by, kind: str, title: str, request_key: str, pdf: bytes,
                           data: dict | None = None, client: Client | None = None) -> Document:
    """Store a PDF a bulk job made from letters already on the record (a statement run's print file
    for the post room), ready at once. ``request_key`` is required: running the job again finds the
    first document and stores nothing."""
    if not _REQUEST_KEY.match(request_key or ""):
        raise ApplicationError("The request was not recognised.", code="bad_request_key")
    existing = Document.objects.filter(request_key=request_key).first()
    if existing is not None:
        return existing
    document = Document(client=client, kind=kind, title=title, template_name="", template_version="",
                        request_key=request_key, data=data or {}, requested_by=requested_by)
    with transaction.atomic():
        set_reason(document, f"{title} made")
        document._history_user = requested_by
        document.save()  # first, so that the file is named after it
        _store_pdf(document, pdf)
        document.save()
    return document


def document_fail(*, document_id: int, error: str) -> Document:
    """Record that a document could not be made (after the worker has given up retrying)."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status == DocumentStatus.READY:
            return document
        document.status = DocumentStatus.FAILED
        document.error = error[:2000]
        set_reason(document, "Could not be rendered")
        document.save(update_fields=["status", "error"])
    return document


# --- uploaded files -----------------------------------------------------------------------------------

def _refused(exc: UploadRefused) -> ApplicationError:
    return ApplicationError(exc.message, code=exc.code, extra={"file": [exc.message]})


def document_upload(*, acting_user, client: Client, kind: str, title: str, upload,
                    reason: str = "File uploaded") -> Document:
    """Store a file someone uploaded (a DWP award letter, a bank statement: evidence for an
    assessment) as a ready document about ``client``.

    ``upload`` is an ``UploadedFile`` (or any Django ``File`` with a name). It is refused, before
    anything is written, unless it is a PDF, JPEG or PNG by its content and no larger than
    ``settings.DOCUMENT_UPLOAD_MAX_BYTES`` (:class:`ApplicationError` with the sentence for the
    ``file`` field). It is copied to storage a chunk at a time, under a name of the service's making
    (never the uploader's), with its SHA-256 and size; the name it was uploaded under is kept to list
    and download it by.

    Runs in the caller's transaction, so a piece of evidence and its file are stored together. If that
    transaction does not commit, the caller removes the file with :func:`document_upload_discard`.
    """
    _require_requester(acting_user)
    if kind not in UPLOADED_KINDS:
        raise ValueError(f"{kind!r} is not a kind of uploaded document.")
    try:
        file_type = check_upload(upload)
    except UploadRefused as exc:
        raise _refused(exc) from None
    with transaction.atomic():
        try:
            client = clients_visible_to(user=acting_user).get(pk=client.pk)
        except Client.DoesNotExist:
            raise PermissionDeniedError("You do not work with this client.", code="not_your_client") from None
        require(acting_user, "documents.upload_document", client)
        digest, size = hashlib.sha256(), 0
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
        if size > max_upload_bytes():  # the file grew after it was checked
            raise _refused(UploadRefused(too_large_message(), "file_too_large"))
        upload.seek(0)
        document = Document(
            client=client, kind=kind, title=title.strip()[:200] or "Uploaded file", template_name="",
            template_version="", status=DocumentStatus.READY, request_key=uuid.uuid4().hex,
            sha256=digest.hexdigest(), size=size, content_type=file_type.content_type,
            file_name=display_name(upload.name, file_type), requested_by=acting_user, rendered_at=timezone.now(),
        )
        document.file.save(f"{uuid.uuid4().hex}{file_type.extension}", upload, save=False)
        set_reason(document, reason)
        document._history_user = acting_user
        try:
            with transaction.atomic():
                document.save()
        except BaseException:
            document.file.delete(save=False)
            raise
    log.info("Stored uploaded document %s (%s, %s bytes, sha256 %s)", document.pk, document.content_type,
             document.size, document.sha256)
    return document


def document_upload_discard(document: Document) -> None:
    """Remove the stored file of an upload whose transaction was rolled back (so whose row is gone).
    A document that is on the record keeps its file."""
    if document is None or not document.file or Document.objects.filter(pk=document.pk).exists():
        return
    document.file.delete(save=False)


def documents_request_for_job(*, requested_by, requests: list[dict], on=None) -> dict:
    """:func:`document_request_for_job` for many letters at once (a daily job's letters): each request is
    ``{"client", "kind", "request_key", "letter_args"}``. Returns ``{request_key: Document or
    ApplicationError}``: a request already made finds its document; one whose data cannot be gathered
    (no postal address...) gets its refusal and writes nothing; the rest are stored in one statement with
    their history, and their PDFs queued once the caller's transaction commits."""
    from core.history import insert_rows_with_history, next_ids

    for request in requests:
        if not _REQUEST_KEY.match(request["request_key"] or ""):
            raise ApplicationError("The request was not recognised.", code="bad_request_key")
    keys = [request["request_key"] for request in requests]
    found: dict = {d.request_key: d for d in Document.objects.filter(request_key__in=keys)}
    new = []
    for request in requests:
        key = request["request_key"]
        if key in found:
            continue
        spec = letter_spec(request["kind"])
        try:
            data = spec.build(client=request["client"], on=on or today(), **(request.get("letter_args") or {}))
        except ApplicationError as exc:
            found[key] = exc
            continue
        document = Document(client=request["client"], kind=spec.kind, title=spec.title,
                            template_name=spec.template_name, template_version=spec.template_version,
                            request_key=key, data=data, requested_by=requested_by)
        new.append(document)
        found[key] = document
    if new:
        for document, pk in zip(new, next_ids(Document, len(new)), strict=True):
            document.pk = pk
        insert_rows_with_history(Document, new, user=requested_by, reason="Letter requested by a scheduled job")
        ids = [document.pk for document in new]
        transaction.on_commit(lambda: [_queue_render(pk) for pk in ids])
    return found
