"""Deferred payment agreements: the services other apps may call (the domain boundary; see docs/architecture.md)."""

from deferred_payments.agreements.services import debt_account_open  # noqa: F401,E402
