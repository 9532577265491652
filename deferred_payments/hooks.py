"""What deferred payment agreements adds to the shared screens (:mod:`core.registry`): each part registers its own
sections, panels, jobs and demo step."""

from __future__ import annotations


def register() -> None:
    from deferred_payments.rates import hooks as rates_hooks
    from deferred_payments.interest import hooks as interest_hooks
    from deferred_payments.accrual import hooks as accrual_hooks
    from deferred_payments.statements import hooks as statements_hooks
    from deferred_payments.applications import hooks as applications_hooks
    from deferred_payments.agreements import hooks as agreements_hooks
    from deferred_payments.charges import hooks as charges_hooks
    from deferred_payments.ending import hooks as ending_hooks

    for part in (rates_hooks, interest_hooks, accrual_hooks, statements_hooks, applications_hooks, agreements_hooks, charges_hooks, ending_hooks):
        part.register()
