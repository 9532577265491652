"""Template helpers for documents: dates in letters, status tag colours, and the key that makes a
repeated "Create letter" request harmless."""

from __future__ import annotations

import datetime as dt
import uuid

from django import template

from documents.choices import DocumentStatus

register = template.Library()

STATUS_COLOURS = {DocumentStatus.PENDING: "blue", DocumentStatus.READY: "green", DocumentStatus.FAILED: "red"}


@register.filter
def letter_date(value) -> str:
    """A date as a letter writes it ("4 March 2026"), from a date or an ISO date string (which is
    how dates come back from a document's stored data)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.day} {value:%B %Y}"


@register.simple_tag
def new_request_key() -> str:
    """A fresh key for a form that asks for a document; the form sends it back unchanged, so a
    double-click or a resubmission is recognised as the same request."""
    return uuid.uuid4().hex


@register.filter
def status_colour(status: str) -> str:
    """The GOV.UK tag colour for a document's status."""
    return STATUS_COLOURS.get(status, "grey")
