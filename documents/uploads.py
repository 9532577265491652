"""Files people upload (evidence for an assessment: a scanned award letter, a photographed bank
statement), checked as they arrive: what the file *is*, read from its first bytes, and its size.

A file is accepted only if it starts as a PDF, JPEG or PNG does (its name and the browser's
``Content-Type`` are not trusted: anyone can call a web page ``letter.pdf``) and is no larger than
``settings.DOCUMENT_UPLOAD_MAX_BYTES``. The same check runs three times, so nothing unchecked is
ever stored:

- **while the request streams in**, in :class:`CheckedUploadHandler`: a file whose first bytes are
  wrong, or that grows past the limit, is dropped at once (its temporary copy deleted, the rest of
  it read and thrown away) instead of being written to disk in full;
- in the **form**, which gives the refusal as a GOV.UK error message on the file field;
- in the **service** (``documents.services.document_upload``), for any caller that is not a page.

A page that takes a file installs the handler with :func:`check_uploads` *before* anything reads the
request's body. The CSRF middleware reads it for every POST, so such a view is ``csrf_exempt`` and
checks the token itself with ``csrf_protect`` once the handler is in place (Django's documented way
of changing upload handlers in a view).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


@dataclass(frozen=True)
class FileType:
    """A kind of file we accept: how its content starts, and what it is called."""

    content_type: str
    extension: str
    label: str
    magic: bytes
    other_extensions: tuple[str, ...] = ()


ACCEPTED_TYPES = (
    FileType("application/pdf", ".pdf", "PDF", b"%PDF-"),
    FileType("image/jpeg", ".jpg", "JPG", b"\xff\xd8\xff", (".jpeg",)),
    FileType("image/png", ".png", "PNG", b"\x89PNG\r\n\x1a\n"),
)
ACCEPTED_CONTENT_TYPES = tuple(t.content_type for t in ACCEPTED_TYPES)
#: How many bytes are read to tell what a file is.
HEAD_BYTES = max(len(t.magic) for t in ACCEPTED_TYPES)
#: For the file input's ``accept`` (a hint to the browser's file chooser, not a check).
KNOWN_EXTENSIONS = frozenset(e for t in ACCEPTED_TYPES for e in (t.extension, *t.other_extensions))
ACCEPT_ATTRIBUTE = ",".join([*sorted(KNOWN_EXTENSIONS), *ACCEPTED_CONTENT_TYPES])

EMPTY_MESSAGE = "The selected file is empty"
WRONG_TYPE_MESSAGE = "The selected file must be a PDF, JPG or PNG"


def max_upload_bytes() -> int:
    return settings.DOCUMENT_UPLOAD_MAX_BYTES


def size_words(size: int) -> str:
    """``10485760`` -> ``"10MB"``, as GOV.UK error messages write sizes."""
    mb = size / (1024 * 1024)
    if mb >= 1:
        return f"{mb:g}MB" if mb == int(mb) else f"{mb:.1f}MB"
    return f"{max(1, size // 1024)}KB"


def too_large_message(max_bytes: int | None = None) -> str:
    return f"The selected file must be smaller than {size_words(max_bytes or max_upload_bytes())}"


def file_type_of(head: bytes) -> FileType | None:
    """What a file is, from its first :data:`HEAD_BYTES` bytes (None if it is nothing we accept)."""
    return next((t for t in ACCEPTED_TYPES if head.startswith(t.magic)), None)


class UploadRefused(ValueError):
    """An uploaded file that may not be stored, with the sentence the person reads."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def check_upload(upload, *, max_bytes: int | None = None) -> FileType:
    """The type of an uploaded file (``UploadedFile`` or any file object with a size), or
    :class:`UploadRefused` if it is empty, too large or not a PDF, JPEG or PNG by its content.
    Leaves the file at its start."""
    max_bytes = max_bytes or max_upload_bytes()
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
    if not size:
        raise UploadRefused(EMPTY_MESSAGE, "file_empty")
    if size > max_bytes:
        raise UploadRefused(too_large_message(max_bytes), "file_too_large")
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    found = file_type_of(head)
    if found is None:
        raise UploadRefused(WRONG_TYPE_MESSAGE, "file_type")
    return found


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


def display_name(original: str, file_type: FileType) -> str:
    """The name the file is listed and downloaded under: the name it was uploaded with (without any
    folder, control characters or surrounding spaces), ending in the extension of what it really is
    ("scan" holding a PNG is listed as "scan.png"; "letter.pdf" holding a JPEG as "letter.jpg")."""
    name = unicodedata.normalize("NFC", os.path.basename((original or "").replace("\\", "/")))
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if extension.lower() in (file_type.extension, *file_type.other_extensions):
        extension = extension.lower()
    elif extension.lower() in KNOWN_EXTENSIONS:
        extension = file_type.extension  # named as another type we take: its content decides
    else:
        stem, extension = name, file_type.extension  # "J. Smith statement" keeps its whole name
    stem = stem[:200 - len(extension)].strip(" .") or "evidence"
    return f"{stem}{extension}"


# --- while the request streams in ----------------------------------------------------------------

class CheckedUploadHandler(FileUploadHandler):
    """Drops a file as soon as it is known to be refused: its first bytes are not a PDF, JPEG or PNG,
    or more than ``max_bytes`` have arrived. Django's own handlers (memory, then a temporary file)
    come after this one and never see the rest; the refusal is kept in ``refusals`` (field name ->
    :class:`UploadRefused`) for the form to show."""

    def __init__(self, request=None, *, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.refusals: dict[str, UploadRefused] = {}
        self._head = b""
        self._received = 0

    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self._head = b""
        self._received = 0
        self.refusals.pop(field_name, None)
        if content_length is not None and content_length > self.max_bytes:
            self._refuse(too_large_message(self.max_bytes), "file_too_large")

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self._refuse(too_large_message(self.max_bytes), "file_too_large")
        if len(self._head) < HEAD_BYTES:
            self._head += raw_data[:HEAD_BYTES - len(self._head)]
            if len(self._head) >= HEAD_BYTES and file_type_of(self._head) is None:
                self._refuse(WRONG_TYPE_MESSAGE, "file_type")
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file

    def _refuse(self, message: str, code: str):
        self.refusals[self.field_name] = UploadRefused(message, code)
        raise SkipFile(message)


def check_uploads(request, *, max_bytes: int | None = None) -> CheckedUploadHandler:
    """Put :class:`CheckedUploadHandler` first among the request's upload handlers and return it (its
    ``refusals`` say which files were dropped). Call it before anything reads ``request.POST`` or
    ``request.FILES`` (see the module docstring)."""
    handler = CheckedUploadHandler(request, max_bytes=max_bytes or max_upload_bytes())
    request.upload_handlers.insert(0, handler)
    return handler
