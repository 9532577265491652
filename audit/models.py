"""The audit record that is not change history: who looked at which client's record, and when.

Viewing a person's record is processing special-category data under UK GDPR, so every page and API
answer that shows a client's data, and every download of a client's document, is logged with the
user (and their name frozen as text), the time, what was read (the path, and whether it was a page,
an API answer or a download) and the request id (see :mod:`core.access`). The log is only ever added
to; nothing prunes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessKind(models.TextChoices):
    PAGE = "page", "Page"
    API = "api", "API"
    DOWNLOAD = "download", "Download"


class RecordAccess(models.Model):
    """One look at a client's record by a member of staff."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(max_length=150, help_text="The user's name when they looked, kept as text.")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)
    request_id = models.CharField(max_length=80, blank=True, default="")
    kind = models.CharField(max_length=10, choices=AccessKind.choices, default=AccessKind.PAGE)
    path = models.CharField(max_length=300, blank=True, default="", help_text="What was read: the address asked for.")

    class Meta:
        ordering = ["-viewed_at", "-id"]
        verbose_name = "record access"
        verbose_name_plural = "record accesses"
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=AccessKind.values),
                                              name="recordaccess_kind_valid")]
        indexes = [
            models.Index(fields=["client", "-viewed_at"], name="recordaccess_client_idx"),
            models.Index(fields=["user", "-viewed_at"], name="recordaccess_user_idx"),
            models.Index(fields=["-viewed_at"], name="recordaccess_viewed_idx"),
        ]

    def __str__(self):
        return f"{self.user_name} viewed client {self.client_id} at {self.viewed_at:%d %b %Y %H:%M}"
