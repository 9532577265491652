"""Letters and reports the service makes: a template rendered to PDF, stored with what it was made
from, who asked for it, and a fingerprint (SHA-256) of the stored file. Files people upload (evidence
for an assessment) are stored the same way, with the name they were uploaded under.

Only ``documents.services`` writes these rows; reads go through ``documents.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from documents.choices import UPLOADED_KINDS, DocumentKind, DocumentStatus
from documents.uploads import ACCEPTED_CONTENT_TYPES, ACCEPTED_TYPES
from people.models import Client


class Document(models.Model):
    """One letter or report, e.g. the "Contact details we hold for you" letter for a client.

    It is asked for by an officer (``pending``), made into a PDF by a worker (``ready``, with the
    file, its size and SHA-256), or marked ``failed`` with the reason. ``data`` is exactly what the
    template was rendered from, so the letter can be explained, and made again, from this row alone.
    ``request_key`` is unique: the same request sent twice (a double-click, a resubmitted form)
    finds the first document instead of making a second.

    An uploaded file (``kind`` "evidence") is ``ready`` from the start: ``file_name`` is the name it
    was uploaded under and ``content_type`` what its content showed it to be (PDF, JPEG or PNG; see
    ``documents.uploads``); the stored file itself has a name of the service's making.
    """

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
        help_text="The person the document is about, if it is about one person.",
    )
    kind = models.CharField(max_length=40, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    template_name = models.CharField(max_length=200)
    template_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING)
    request_key = models.CharField(
        max_length=64, unique=True, help_text="Identifies the request, so sending it twice makes one document."
    )
    data = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)
    file = models.FileField(upload_to="documents/%Y/%m/", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes.")
    content_type = models.CharField(max_length=100, default="application/pdf",
                                    help_text="What the stored file is, from its content.")
    file_name = models.CharField(max_length=200, blank=True,
                                 help_text="An uploaded file's name as it was uploaded (letters have none).")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="documents_requested"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DocumentStatus.values), name="document_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^([0-9a-f]{64})?$"), name="document_sha256_hex"),
            models.CheckConstraint(condition=Q(content_type__in=ACCEPTED_CONTENT_TYPES),
                                   name="document_content_type_accepted"),
            models.CheckConstraint(condition=~Q(kind__in=UPLOADED_KINDS) | ~Q(file_name=""),
                                   name="document_upload_named"),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.READY)
                | (~Q(file="") & ~Q(sha256="") & Q(size__isnull=False) & Q(rendered_at__isnull=False)),
                name="document_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["client", "-requested_at"], name="document_client_idx")]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def is_upload(self) -> bool:
        return self.kind in UPLOADED_KINDS

    @property
    def file_type_label(self) -> str:
        """"PDF", "JPG" or "PNG", for a download link."""
        return next((t.label for t in ACCEPTED_TYPES if t.content_type == self.content_type), "File")

    @property
    def download_name(self) -> str:
        """The file name a person downloading it sees, e.g. ``contact-details-ASC-100234-17.pdf``, or
        an uploaded file's own name."""
        if self.file_name:
            return self.file_name
        reference = self.client.council_reference if self.client_id else "council"
        return f"{self.kind.replace('_', '-')}-{reference}-{self.pk}.pdf"
