"""Deferred payment agreements: the reads other apps may call (the domain boundary; see docs/architecture.md)."""


def agreements_secured_on(*, home):
    """The deferred payment agreements a property secures (``Agreement.home``), oldest first."""
    from deferred_payments.agreements.models import Agreement

    return Agreement.objects.filter(home=home).order_by("id")
