"""Clients' property: the services other apps may call (the domain boundary; see docs/architecture.md)."""

from properties.register.services import PropertyError, property_record  # noqa: F401
