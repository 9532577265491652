"""What the ending part adds to the shared screens (:mod:`core.registry`)."""


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from deferred_payments.ending.letters import SETTLEMENT_LETTER
    from documents.letters import register_letter

    register_letter(SETTLEMENT_LETTER)
