"""Clients' property: the reads other apps may call (the domain boundary; see docs/architecture.md)."""

from __future__ import annotations


def client_properties(*, client):
    from properties.register.models import Property

    return Property.objects.filter(client=client).order_by("id")
