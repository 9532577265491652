"""What the agreements part adds to the shared screens (:mod:`core.registry`)."""


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from deferred_payments.agreements.letters import AGREEMENT_LETTER
    from documents.letters import register_letter

    register_letter(AGREEMENT_LETTER)
