"""Deferred payment agreements: the services other apps may call (the domain boundary; see docs/architecture.md)."""
